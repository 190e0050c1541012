import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { artifactVersions } from './artifact-versions.ts';
import { artifacts } from './artifacts.ts';

export const environments = pgTable('environments', {
  name: text('name').primaryKey(),
  position: integer('position').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * What an environment (label) serves for an artifact: a stable version and optionally a canary at a
 * percentage. `revision` increments on every move so concurrent moves are detected, not lost.
 */
export const deployments = pgTable(
  'deployments',
  {
    artifactId: integer('artifact_id')
      .notNull()
      .references(() => artifacts.id),
    environment: text('environment')
      .notNull()
      .references(() => environments.name),
    stableVersion: integer('stable_version').notNull(),
    canaryVersion: integer('canary_version'),
    canaryPercent: integer('canary_percent_bp'),
    /** When the current canary started: canary rules require a minimum time before promotion. */
    canaryStartedAt: timestamp('canary_started_at', { withTimezone: true }),
    revision: integer('revision').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.artifactId, table.environment] }),
    foreignKey({
      name: 'deployments_stable_fk',
      columns: [table.artifactId, table.stableVersion],
      foreignColumns: [artifactVersions.artifactId, artifactVersions.version],
    }),
    foreignKey({
      name: 'deployments_canary_fk',
      columns: [table.artifactId, table.canaryVersion],
      foreignColumns: [artifactVersions.artifactId, artifactVersions.version],
    }),
    check('deployments_canary_percent_check', sql`${table.canaryPercent} between 0 and 10000`),
  ],
);

/** Every move of an environment, in order: the history that rollback and `history` read. */
export const deploymentEvents = pgTable(
  'deployment_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    artifactId: integer('artifact_id')
      .notNull()
      .references(() => artifacts.id),
    environment: text('environment').notNull(),
    action: text('action').notNull(),
    fromVersion: integer('from_version'),
    toVersion: integer('to_version'),
    canaryVersion: integer('canary_version'),
    canaryPercent: integer('canary_percent_bp'),
    revision: integer('revision').notNull(),
    actor: text('actor').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [index('deployment_events_artifact_index').on(table.artifactId, table.environment, table.id)],
);

export type DeploymentRow = typeof deployments.$inferSelect;
export type DeploymentEventRow = typeof deploymentEvents.$inferSelect;
