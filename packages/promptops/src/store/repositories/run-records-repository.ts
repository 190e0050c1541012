import { and, desc, eq, gte, isNotNull, isNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
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
  /** `prompt` (one run of a prompt), `chain`, `chat`. */
  kind?: string;
  arm?: string;
  /** Leave out this arm: `draft` leaves out the editor's Try it and sandbox replays. */
  notArm?: string;
  /** true: only records that kept their redacted input (sampled runs); false: only those that did not. */
  inputRetained?: boolean;
  /** Only sandbox replays made by this actor (`metadata.sandbox`, evaluation/sandbox). */
  sandboxActor?: string;
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
  const conditions = conditionsOf(filter);
  if (conditions === false) return [];
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

/** How many records match (the same filter as listRunRecords, without paging). */
export async function countRunRecords(
  executor: Executor,
  filter: Omit<RunRecordFilter, 'after' | 'limit'>,
): Promise<number> {
  const conditions = conditionsOf(filter);
  if (conditions === false) return 0;
  const rows = await executor
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(runRecords)
    .where(and(...conditions));
  return rows[0]?.count ?? 0;
}

export async function findRunRecord(executor: Executor, id: string): Promise<RunRecordRow | undefined> {
  const rows = await executor.select().from(runRecords).where(eq(runRecords.id, id));
  return rows[0];
}

/** The filter's conditions; false when it can match nothing. */
function conditionsOf(filter: Omit<RunRecordFilter, 'after' | 'limit'>): (SQL | undefined)[] | false {
  const conditions: (SQL | undefined)[] = [];
  if (filter.prompt) conditions.push(eq(runRecords.prompt, filter.prompt));
  if (filter.version !== undefined) conditions.push(eq(runRecords.version, filter.version));
  if (filter.status) conditions.push(eq(runRecords.status, filter.status));
  if (filter.environment) conditions.push(eq(runRecords.environment, filter.environment));
  if (filter.rootId) conditions.push(eq(runRecords.rootId, filter.rootId));
  if (filter.kind) conditions.push(eq(runRecords.kind, filter.kind));
  if (filter.arm) conditions.push(eq(runRecords.arm, filter.arm));
  // A record without an arm (a run that failed before resolving) is not a draft either.
  if (filter.notArm) conditions.push(or(isNull(runRecords.arm), ne(runRecords.arm, filter.notArm)));
  if (filter.inputRetained !== undefined) {
    conditions.push(
      filter.inputRetained ? isNotNull(runRecords.redactedInput) : isNull(runRecords.redactedInput),
    );
  }
  if (filter.sandboxActor !== undefined) {
    conditions.push(sql`${runRecords.metadata}->>'sandbox' = ${filter.sandboxActor}`);
  }
  if (filter.since) conditions.push(gte(runRecords.startedAt, filter.since));
  if (filter.until) conditions.push(lte(runRecords.startedAt, filter.until));
  if (filter.namePrefixes) {
    const covered = namePrefixCondition(runRecords.prompt, filter.namePrefixes);
    if (covered === false) return false;
    conditions.push(covered);
  }
  return conditions;
}
