import { and, asc, desc, eq, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import {
  type ChangeRequestEventRow,
  type ChangeRequestRow,
  changeRequestEvents,
  changeRequests,
  type EvalResultRow,
  evalResults,
  type FreezeRow,
  freezes,
} from '../schema/index.ts';

export async function insertChangeRequest(
  executor: Executor,
  row: Omit<ChangeRequestRow, 'id'>,
): Promise<ChangeRequestRow> {
  const rows = await executor.insert(changeRequests).values(row).returning();
  return rows[0]!;
}

export async function findChangeRequest(
  executor: Executor,
  id: number,
): Promise<ChangeRequestRow | undefined> {
  const rows = await executor.select().from(changeRequests).where(eq(changeRequests.id, id));
  return rows[0];
}

/** Locks the row for the rest of the transaction, so state changes on one request are serialised. */
export async function lockChangeRequest(
  executor: Executor,
  id: number,
): Promise<ChangeRequestRow | undefined> {
  const rows = await executor.select().from(changeRequests).where(eq(changeRequests.id, id)).for('update');
  return rows[0];
}

export interface ChangeRequestFilter {
  ids?: readonly number[];
  states?: readonly string[];
  artifactId?: number;
  /** Only requests numbered below this one (the next page of a newest-first listing). */
  beforeId?: number;
  limit?: number;
}

export async function listChangeRequests(
  executor: Executor,
  filter: ChangeRequestFilter = {},
): Promise<ChangeRequestRow[]> {
  const conditions: SQL[] = [];
  if (filter.ids) conditions.push(inArray(changeRequests.id, [...filter.ids]));
  if (filter.states && filter.states.length > 0)
    conditions.push(inArray(changeRequests.state, [...filter.states]));
  if (filter.artifactId !== undefined) conditions.push(eq(changeRequests.artifactId, filter.artifactId));
  if (filter.beforeId !== undefined) conditions.push(lt(changeRequests.id, filter.beforeId));
  return executor
    .select()
    .from(changeRequests)
    .where(and(...conditions))
    .orderBy(desc(changeRequests.id))
    .limit(filter.limit ?? 100);
}

/** Writes a state change if the revision is still `expectedRevision`; false when someone got there first. */
export async function updateChangeRequest(
  executor: Executor,
  id: number,
  expectedRevision: number,
  changes: Pick<ChangeRequestRow, 'state' | 'updatedAt'>,
): Promise<boolean> {
  const rows = await executor
    .update(changeRequests)
    .set({ ...changes, revision: expectedRevision + 1 })
    .where(and(eq(changeRequests.id, id), eq(changeRequests.revision, expectedRevision)))
    .returning();
  return rows.length === 1;
}

export async function insertChangeRequestEvent(
  executor: Executor,
  row: Omit<ChangeRequestEventRow, 'id'>,
): Promise<ChangeRequestEventRow> {
  const rows = await executor.insert(changeRequestEvents).values(row).returning();
  return rows[0]!;
}

export async function listChangeRequestEvents(
  executor: Executor,
  changeRequestId: number,
): Promise<ChangeRequestEventRow[]> {
  return executor
    .select()
    .from(changeRequestEvents)
    .where(eq(changeRequestEvents.changeRequestId, changeRequestId))
    .orderBy(asc(changeRequestEvents.id));
}

export async function insertEvalResult(
  executor: Executor,
  row: Omit<EvalResultRow, 'id'>,
): Promise<EvalResultRow> {
  const rows = await executor.insert(evalResults).values(row).returning();
  return rows[0]!;
}

/** Results for one version, newest first per suite. */
export async function listEvalResults(
  executor: Executor,
  artifactId: number,
  version: number,
): Promise<EvalResultRow[]> {
  return executor
    .select()
    .from(evalResults)
    .where(and(eq(evalResults.artifactId, artifactId), eq(evalResults.version, version)))
    .orderBy(asc(evalResults.suite), desc(evalResults.id));
}

export async function insertFreeze(executor: Executor, row: Omit<FreezeRow, 'id'>): Promise<FreezeRow> {
  const rows = await executor.insert(freezes).values(row).returning();
  return rows[0]!;
}

export async function listActiveFreezes(executor: Executor, environment?: string): Promise<FreezeRow[]> {
  const conditions: SQL[] = [isNull(freezes.endedAt)];
  if (environment !== undefined) conditions.push(eq(freezes.environment, environment));
  return executor
    .select()
    .from(freezes)
    .where(and(...conditions))
    .orderBy(asc(freezes.id));
}

export async function endFreezes(
  executor: Executor,
  environment: string,
  endedBy: string,
  at: Date,
): Promise<FreezeRow[]> {
  return executor
    .update(freezes)
    .set({ endedBy, endedAt: at })
    .where(and(eq(freezes.environment, environment), isNull(freezes.endedAt)))
    .returning();
}
