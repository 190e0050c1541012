import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { runRecords } from './run-records.ts';

/**
 * The tool audit trail (issue 9, docs/tools.md): one row per tool call a model asked for in a run,
 * allowed or not, as a child of the run's record. Arguments are stored redacted (PII replaced by
 * the guard's redaction), the result only as a short redacted summary. Written in the same batch
 * as the run record, and removed with it when retention prunes it.
 */
export const toolCalls = pgTable(
  'tool_calls',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runRecords.id, { onDelete: 'cascade' }),
    /** Order in the run, from 0. */
    seq: integer('seq').notNull(),
    /** The model turn that asked for it, from 0. */
    round: integer('round').notNull(),
    /** The model's id for the call. */
    callId: text('call_id').notNull(),
    prompt: text('prompt').notNull(),
    tool: text('tool').notNull(),
    /** read | write | irreversible, as the prompt version declares it; null for an undeclared tool. */
    sideEffect: text('side_effect'),
    /** allow | deny | escalate: what the tool policy decided. */
    decision: text('decision').notNull(),
    /** ok | failed | not-run. */
    outcome: text('outcome').notNull(),
    reason: text('reason'),
    arguments: jsonb('arguments'),
    resultSummary: text('result_summary'),
    attempts: integer('attempts').notNull(),
    durationMs: doublePrecision('duration_ms').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** Who authorised the run, for irreversible tools (`authorization.approvedBy`). */
    authorizedBy: text('authorized_by'),
  },
  (table) => [
    unique('tool_calls_run_seq_unique').on(table.runId, table.seq),
    index('tool_calls_prompt_tool_index').on(table.prompt, table.tool, table.startedAt),
  ],
);

export type ToolCallRow = typeof toolCalls.$inferSelect;
