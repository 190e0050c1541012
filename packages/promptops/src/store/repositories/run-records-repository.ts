import { and, desc, eq, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { type RunRecordRow, runRecords } from '../schema/index.ts';
import { namePrefixCondition } from './name-prefix-condition.ts';

/** One multi-row insert per batch: the run path never waits on a write of its own. */
export async function insertRunRecords(executor: Executor, rows: RunRecordRow[]): Promise<void> {
  if (rows.length === 0) return;
  await executor.insert(runRecords).values(rows).onConflictDoNothing();
}

export interface RunRecordFilter {
  prompt?: string;
  version?: number;
  status?: string;
  environment?: string;
  rootId?: string;
  since?: Date;
  until?: Date;
  /**
   * Only records whose prompt is under one of these folders (`support/`) or is one of these names;
   * '' covers everything. Absent: no restriction. Empty: nothing.
   */
  namePrefixes?: readonly string[];
  /** Only records after this one in newest-first order (the next page). */
  after?: { startedAt: Date; id: string };
  limit?: number;
}

/** Newest first (start time, then id, so pages never skip or repeat a record). */
export async function listRunRecords(
  executor: Executor,
  filter: RunRecordFilter = {},
): Promise<RunRecordRow[]> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.prompt) conditions.push(eq(runRecords.prompt, filter.prompt));
  if (filter.version !== undefined) conditions.push(eq(runRecords.version, filter.version));
  if (filter.status) conditions.push(eq(runRecords.status, filter.status));
  if (filter.environment) conditions.push(eq(runRecords.environment, filter.environment));
  if (filter.rootId) conditions.push(eq(runRecords.rootId, filter.rootId));
  if (filter.since) conditions.push(gte(runRecords.startedAt, filter.since));
  if (filter.until) conditions.push(lte(runRecords.startedAt, filter.until));
  if (filter.namePrefixes) {
    const covered = namePrefixCondition(runRecords.prompt, filter.namePrefixes);
    if (covered === false) return [];
    conditions.push(covered);
  }
  if (filter.after) {
    conditions.push(
      or(
        lt(runRecords.startedAt, filter.after.startedAt),
        and(eq(runRecords.startedAt, filter.after.startedAt), lt(runRecords.id, filter.after.id)),
      ),
    );
  }
  return executor
    .select()
    .from(runRecords)
    .where(and(...conditions))
    .orderBy(desc(runRecords.startedAt), desc(runRecords.id))
    .limit(filter.limit ?? 100);
}

export async function findRunRecord(executor: Executor, id: string): Promise<RunRecordRow | undefined> {
  const rows = await executor.select().from(runRecords).where(eq(runRecords.id, id));
  return rows[0];
}
