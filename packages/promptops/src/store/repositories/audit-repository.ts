import { and, asc, desc, eq, gt, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { type AuditEntryRow, auditEntries } from '../schema/index.ts';

export interface AuditFilter {
  actor?: string;
  action?: string;
  targetKind?: string;
  /** Exact target, or a folder prefix ending in `/`. */
  target?: string;
  since?: Date;
  until?: Date;
  limit?: number;
  /** Only entries older than this position (the next page of a newest-first listing). */
  beforePosition?: number;
  /** Newest first unless set to 'ascending'. */
  order?: 'ascending' | 'descending';
}

export async function lastAuditEntry(executor: Executor): Promise<AuditEntryRow | undefined> {
  const rows = await executor.select().from(auditEntries).orderBy(desc(auditEntries.position)).limit(1);
  return rows[0];
}

export async function insertAuditEntry(executor: Executor, row: AuditEntryRow): Promise<void> {
  await executor.insert(auditEntries).values(row);
}

export async function listAuditEntries(
  executor: Executor,
  filter: AuditFilter = {},
): Promise<AuditEntryRow[]> {
  const conditions: SQL[] = [];
  if (filter.actor) conditions.push(eq(auditEntries.actor, filter.actor));
  if (filter.action) conditions.push(eq(auditEntries.action, filter.action));
  if (filter.targetKind) conditions.push(eq(auditEntries.targetKind, filter.targetKind));
  if (filter.target) {
    conditions.push(
      filter.target.endsWith('/')
        ? sql`starts_with(${auditEntries.target}, ${filter.target})`
        : eq(auditEntries.target, filter.target),
    );
  }
  if (filter.since) conditions.push(gte(auditEntries.at, filter.since));
  if (filter.until) conditions.push(lte(auditEntries.at, filter.until));
  if (filter.beforePosition !== undefined) conditions.push(lt(auditEntries.position, filter.beforePosition));
  const order = filter.order === 'ascending' ? asc(auditEntries.position) : desc(auditEntries.position);
  return executor
    .select()
    .from(auditEntries)
    .where(and(...conditions))
    .orderBy(order)
    .limit(filter.limit ?? 100);
}

/** A page of the chain in order, for verification that streams through millions of entries. */
export async function auditEntriesAfter(
  executor: Executor,
  position: number,
  limit: number,
): Promise<AuditEntryRow[]> {
  return executor
    .select()
    .from(auditEntries)
    .where(gt(auditEntries.position, position))
    .orderBy(asc(auditEntries.position))
    .limit(limit);
}
