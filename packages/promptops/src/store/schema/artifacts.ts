import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * One row per prompt, fragment or example bank. The descriptive columns mirror the latest version's
 * content so listing and filtering never parse content; `head_version` is the optimistic-concurrency
 * token: a new version must name it as its parent.
 */
export const artifacts = pgTable(
  'artifacts',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    owner: text('owner'),
    risk: text('risk'),
    task: text('task'),
    classification: text('classification'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    status: text('status').notNull().default('active'),
    headVersion: integer('head_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('artifacts_kind_name_unique').on(table.kind, table.name),
    index('artifacts_owner_index').on(table.owner),
    check('artifacts_kind_check', sql`${table.kind} in ('prompt', 'fragment', 'example-bank')`),
    check('artifacts_status_check', sql`${table.status} in ('active', 'retired')`),
  ],
);

export type ArtifactRow = typeof artifacts.$inferSelect;
export type NewArtifactRow = typeof artifacts.$inferInsert;
