import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { artifactVersions } from './artifact-versions.ts';
import { artifacts } from './artifacts.ts';

/**
 * A proposed version on its way to an environment. `base_version` is what the environment served when
 * it was proposed (the diff's left side); `revision` increments on every state change so racing
 * approvals and withdrawals are serialised, never lost.
 */
export const changeRequests = pgTable(
  'change_requests',
  {
    id: serial('id').primaryKey(),
    artifactId: integer('artifact_id')
      .notNull()
      .references(() => artifacts.id),
    version: integer('version').notNull(),
    environment: text('environment').notNull(),
    baseVersion: integer('base_version'),
    title: text('title').notNull(),
    author: text('author').notNull(),
    state: text('state').notNull(),
    revision: integer('revision').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    foreignKey({
      name: 'change_requests_version_fk',
      columns: [table.artifactId, table.version],
      foreignColumns: [artifactVersions.artifactId, artifactVersions.version],
    }),
    index('change_requests_state_index').on(table.state),
    index('change_requests_artifact_index').on(table.artifactId),
    check(
      'change_requests_state_check',
      sql`${table.state} in ('open', 'approved', 'rejected', 'deployed', 'withdrawn')`,
    ),
  ],
);

/** Comments, approvals, rejections and state changes of a change request, in order. */
export const changeRequestEvents = pgTable(
  'change_request_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    changeRequestId: integer('change_request_id')
      .notNull()
      .references(() => changeRequests.id),
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    /** The role the actor acted in (for approvals: the role that made it count). */
    role: text('role'),
    body: text('body'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('change_request_events_request_index').on(table.changeRequestId, table.id),
    check(
      'change_request_events_kind_check',
      sql`${table.kind} in ('propose', 'comment', 'approve', 'reject', 'withdraw', 'deploy')`,
    ),
  ],
);

/**
 * The result of an eval suite on one version: what approval gates read. The evaluation runner writes
 * these; until it exists they are recorded by hand (`promptops evals record`).
 */
export const evalResults = pgTable(
  'eval_results',
  {
    id: serial('id').primaryKey(),
    artifactId: integer('artifact_id')
      .notNull()
      .references(() => artifacts.id),
    version: integer('version').notNull(),
    suite: text('suite').notNull(),
    passRate: doublePrecision('pass_rate').notNull(),
    passed: integer('passed').notNull(),
    total: integer('total').notNull(),
    details: jsonb('details').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('eval_results_version_index').on(table.artifactId, table.version, table.suite),
    check('eval_results_pass_rate_check', sql`${table.passRate} between 0 and 1`),
  ],
);

/** Freezes declared at run time (an incident), on top of the release calendar in policies.yaml. */
export const freezes = pgTable('freezes', {
  id: serial('id').primaryKey(),
  environment: text('environment').notNull(),
  reason: text('reason').notNull(),
  startedBy: text('started_by').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  endedBy: text('ended_by'),
  endedAt: timestamp('ended_at', { withTimezone: true }),
});

export type ChangeRequestRow = typeof changeRequests.$inferSelect;
export type ChangeRequestEventRow = typeof changeRequestEvents.$inferSelect;
export type EvalResultRow = typeof evalResults.$inferSelect;
export type FreezeRow = typeof freezes.$inferSelect;
