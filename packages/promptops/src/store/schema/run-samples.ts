import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { runRecords } from './run-records.ts';

/**
 * Continuous evaluation: one row per sampled live run (the prompt version's `sampling.rate`),
 * queued after its run record is written. A worker leases pending rows, scores them with the
 * version's `sampling.assert` and rubric off the request path and stores the outcome here; a person
 * then rates the output good or bad. The input and output are the run record's redacted ones; none
 * are copied here. Removed with its run record when retention prunes it.
 */
export const runSamples = pgTable(
  'run_samples',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: text('run_id')
      .notNull()
      .unique('run_samples_run_unique')
      .references(() => runRecords.id, { onDelete: 'cascade' }),
    prompt: text('prompt').notNull(),
    version: integer('version').notNull(),
    sampledAt: timestamp('sampled_at', { withTimezone: true }).notNull(),
    /** pending (waiting or leased) → scored; failed when scoring gave up after its attempts. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When a worker may take it: now, after a backoff, or when a dead worker's lease runs out. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
    /** The online assertions' verdict; null when there are none or none could be measured. */
    pass: boolean('pass'),
    /** Weighted assertion score 0..1; null when nothing was measured. */
    score: doublePrecision('score'),
    /** AssertionResult[] of the online assertions. */
    assertions: jsonb('assertions'),
    /** The judge's verdict on the rubric: { pass, score, reason } or { unmeasured: reason }; null without a rubric. */
    judge: jsonb('judge'),
    judgeScore: doublePrecision('judge_score'),
    rating: text('rating'),
    ratingComment: text('rating_comment'),
    ratedBy: text('rated_by'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
  },
  (table) => [
    index('run_samples_due_index').on(table.status, table.nextAttemptAt),
    index('run_samples_prompt_index').on(table.prompt, table.version, table.id),
    check('run_samples_status_check', sql`${table.status} in ('pending', 'scored', 'failed')`),
    check('run_samples_rating_check', sql`${table.rating} is null or ${table.rating} in ('good', 'bad')`),
  ],
);

export type RunSampleRow = typeof runSamples.$inferSelect;
