import { pgTable, text } from 'drizzle-orm/pg-core';

/** Facts about this catalog instance, e.g. its id (so a sync lock file can tell databases apart). */
export const meta = pgTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
