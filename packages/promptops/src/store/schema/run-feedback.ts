import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { runRecords } from './run-records.ts';

/**
 * Users' feedback on a run, posted by the application that ran it (issue 10, item 1): a score from
 * -1 (bad) to 1 (good), an optional comment and where it came from. Several per run (each user's
 * thumbs). Removed with its run record when retention prunes it; the comment may quote the user, so
 * it is kept here and never copied into audit entries or metrics.
 */
export const runFeedback = pgTable(
  'run_feedback',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => runRecords.id, { onDelete: 'cascade' }),
    prompt: text('prompt').notNull(),
    version: integer('version'),
    score: doublePrecision('score').notNull(),
    comment: text('comment'),
    source: text('source'),
    postedBy: text('posted_by').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('run_feedback_run_index').on(table.runId, table.id),
    index('run_feedback_prompt_index').on(table.prompt, table.version),
    check('run_feedback_score_check', sql`${table.score} >= -1 and ${table.score} <= 1`),
  ],
);

export type RunFeedbackRow = typeof runFeedback.$inferSelect;
