import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * A/B experiments in production (issue 10, item 4b): the statistics and lifecycle on top of a
 * deployment's stable/canary split. Control is the stable version and treatment the canary version
 * when it started; the runs of those two versions since `started_at` are its samples. At most one
 * running experiment per prompt and environment (the partial unique index). `result` holds the
 * figures and the verdict once it ends (concluded, interrupted or stopped).
 */
export const experiments = pgTable(
  'experiments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    prompt: text('prompt').notNull(),
    environment: text('environment').notNull(),
    controlVersion: integer('control_version').notNull(),
    treatmentVersion: integer('treatment_version').notNull(),
    /** The deployment's canary start when the experiment started: a new canary, even of the same version, interrupts it. */
    canaryStartedAt: timestamp('canary_started_at', { withTimezone: true }),
    /** feedback, judge, online-pass, error-rate, escalation-rate, block-rate, cost, latency. */
    metric: text('metric').notNull(),
    /** Which way is better for the goal metric: higher or lower. */
    direction: text('direction').notNull(),
    /** Metrics whose significant harm in the treatment ends the experiment early. */
    guardrails: jsonb('guardrails').$type<string[]>().notNull(),
    minPerArm: integer('min_per_arm').notNull(),
    /** As given (`14d`); `ends_by` is started_at plus it. */
    maxDuration: text('max_duration').notNull(),
    endsBy: timestamp('ends_by', { withTimezone: true }).notNull(),
    alpha: doublePrecision('alpha').notNull(),
    guardrailAlpha: doublePrecision('guardrail_alpha').notNull(),
    state: text('state').notNull().default('running'),
    reason: text('reason').notNull(),
    startedBy: text('started_by').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedBy: text('ended_by'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    /** The figures and verdict at the end: outcome, goal comparison, guardrails, n per arm. */
    result: jsonb('result'),
  },
  (table) => [
    uniqueIndex('experiments_running_unique')
      .on(table.prompt, table.environment)
      .where(sql`${table.state} = 'running'`),
    index('experiments_prompt_index').on(table.prompt, table.id),
    index('experiments_state_index').on(table.state, table.id),
    check(
      'experiments_state_check',
      sql`${table.state} in ('running', 'concluded', 'interrupted', 'stopped')`,
    ),
    check('experiments_direction_check', sql`${table.direction} in ('higher', 'lower')`),
    check('experiments_alpha_check', sql`${table.alpha} > 0 and ${table.alpha} < 1`),
  ],
);

export type ExperimentRow = typeof experiments.$inferSelect;
