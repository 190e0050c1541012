import {
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { artifacts } from './artifacts.ts';

/**
 * Immutable versions. The primary key (artifact, version) makes a duplicate version impossible even
 * if two writers race past the application's parent check; nothing ever updates or deletes a row.
 */
export const artifactVersions = pgTable(
  'artifact_versions',
  {
    artifactId: integer('artifact_id')
      .notNull()
      .references(() => artifacts.id),
    version: integer('version').notNull(),
    parentVersion: integer('parent_version'),
    contentHash: text('content_hash').notNull(),
    content: jsonb('content').notNull(),
    author: text('author').notNull(),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.artifactId, table.version] }),
    foreignKey({
      name: 'artifact_versions_parent_fk',
      columns: [table.artifactId, table.parentVersion],
      foreignColumns: [table.artifactId, table.version],
    }),
    uniqueIndex('artifact_versions_hash_lookup').on(table.artifactId, table.contentHash, table.version),
  ],
);

export type ArtifactVersionRow = typeof artifactVersions.$inferSelect;
