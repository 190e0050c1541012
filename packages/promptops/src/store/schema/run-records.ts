import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/**
 * One row per runtime call, and per chain stage or tool call as a child (`parent_id`). Written in
 * batches off the request path. Holds no raw input unless the retention policy allows it: the input
 * is a keyed HMAC fingerprint. `cost` is null when the price is unknown, never a silent 0.
 */
export const runRecords = pgTable(
  'run_records',
  {
    id: text('id').primaryKey(),
    parentId: text('parent_id'),
    rootId: text('root_id').notNull(),
    kind: text('kind').notNull(),
    requestId: text('request_id'),
    prompt: text('prompt').notNull(),
    version: integer('version'),
    environment: text('environment'),
    arm: text('arm'),
    provider: text('provider'),
    model: text('model'),
    status: text('status').notNull(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    latencyMs: doublePrecision('latency_ms').notNull(),
    timeToFirstTokenMs: doublePrecision('time_to_first_token_ms'),
    inputTokens: integer('input_tokens'),
    outputTokens: integer('output_tokens'),
    tokensEstimated: boolean('tokens_estimated').notNull().default(false),
    cost: doublePrecision('cost'),
    currency: text('currency'),
    retries: integer('retries').notNull().default(0),
    /** Models tried before the one that answered, each with why it was left. */
    fallbacks: jsonb('fallbacks').notNull(),
    verdicts: jsonb('verdicts').notNull(),
    validation: jsonb('validation'),
    confidence: doublePrecision('confidence'),
    inputFingerprint: text('input_fingerprint'),
    redactedInput: text('redacted_input'),
    redactedOutput: text('redacted_output'),
    metadata: jsonb('metadata').notNull(),
  },
  (table) => [
    index('run_records_prompt_time_index').on(table.prompt, table.startedAt),
    index('run_records_time_index').on(table.startedAt),
    index('run_records_root_index').on(table.rootId),
  ],
);

export type RunRecordRow = typeof runRecords.$inferSelect;
