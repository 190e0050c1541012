import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { type RunRecordRow, runRecords } from '../schema/index.ts';

/** One multi-row insert per batch: the run path never waits on a write of its own. */
export async function insertRunRecords(executor: Executor, rows: RunRecordRow[]): Promise<void> {
  if (rows.length === 0) return;
  await executor.insert(runRecords).values(rows).onConflictDoNothing();
}

export interface RunRecordFilter {
  prompt?: string;
  status?: string;
  environment?: string;
  rootId?: string;
  since?: Date;
  until?: Date;
  limit?: number;
}

/** Newest first. */
export async function listRunRecords(
  executor: Executor,
  filter: RunRecordFilter = {},
): Promise<RunRecordRow[]> {
  const conditions: SQL[] = [];
  if (filter.prompt) conditions.push(eq(runRecords.prompt, filter.prompt));
  if (filter.status) conditions.push(eq(runRecords.status, filter.status));
  if (filter.environment) conditions.push(eq(runRecords.environment, filter.environment));
  if (filter.rootId) conditions.push(eq(runRecords.rootId, filter.rootId));
  if (filter.since) conditions.push(gte(runRecords.startedAt, filter.since));
  if (filter.until) conditions.push(lte(runRecords.startedAt, filter.until));
  return executor
    .select()
    .from(runRecords)
    .where(and(...conditions))
    .orderBy(desc(runRecords.startedAt), desc(runRecords.id))
    .limit(filter.limit ?? 100);
}
