import { index, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { runRecords } from './run-records.ts';

/**
 * Retrieval provenance (issue 9, docs/retrieval.md): the passages that entered a run's prompt, one
 * row each, children of its run record. Ids and versions only, never the text: the document store
 * (or the application's retriever) holds that. Written in the record's batch, pruned with it.
 */
export const retrievedPassages = pgTable(
  'retrieved_passages',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runRecords.id, { onDelete: 'cascade' }),
    /** Order in the prompt, from 0. */
    seq: integer('seq').notNull(),
    prompt: text('prompt').notNull(),
    source: text('source').notNull(),
    /** The passage id the template shows and citations name: `source:doc`. */
    passageId: text('passage_id').notNull(),
    docId: text('doc_id').notNull(),
    docVersion: text('doc_version'),
    title: text('title'),
    /** Tokens the passage took in the prompt, after redaction and trimming. */
    tokens: integer('tokens').notNull(),
    /** `passage` (the text as retrieved, maybe cut), or `summary` (a cached summary stood in). */
    form: text('form').notNull(),
  },
  (table) => [
    unique('retrieved_passages_run_seq_unique').on(table.runId, table.seq),
    index('retrieved_passages_source_doc_index').on(table.source, table.docId),
  ],
);

export type RetrievedPassageRow = typeof retrievedPassages.$inferSelect;
