import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Cached summaries of long retrieved documents (issue 9, item 6). Keyed by the document's version
 * and the summarizer prompt's version, so an edited document or a new summarizer misses the cache;
 * `created_at` against the source's TTL ages the rest out.
 */
export const contextSummaries = pgTable(
  'context_summaries',
  {
    source: text('source').notNull(),
    docId: text('doc_id').notNull(),
    docVersion: text('doc_version').notNull(),
    /** `prompt#version` of the summarizer. */
    summarizer: text('summarizer').notNull(),
    summary: text('summary').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({
      name: 'context_summaries_pk',
      columns: [table.source, table.docId, table.docVersion, table.summarizer],
    }),
  ],
);

export type ContextSummaryRow = typeof contextSummaries.$inferSelect;
