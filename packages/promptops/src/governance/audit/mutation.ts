import { sql } from 'drizzle-orm';
import {
  CATALOG_CHANNEL,
  type Database,
  insertAuditEntry,
  lastAuditEntry,
  MUTATION_LOCK_KEY,
  type Transaction,
} from '../../store/index.ts';
import { type AnnouncedEntry, enqueueWebhookEvents } from '../events/enqueue-webhook-events.ts';
import type { AuditAction, AuditTargetKind } from './audit-actions.ts';
import { GENESIS_HASH } from './audit-actions.ts';
import { auditHash } from './audit-hash.ts';

export interface AuditRecord {
  action: AuditAction;
  targetKind: AuditTargetKind;
  target: string;
  reason?: string | null;
  /** References to what changed (versions, hashes), never raw secrets. */
  details?: Record<string, unknown>;
}

export interface MutationContext {
  tx: Transaction;
  actor: string;
  now(): Date;
  /** Queues an audit entry; it is written in the same transaction, just before commit. */
  audit(record: AuditRecord): void;
}

export interface MutationOptions {
  actor: string;
  clock?: () => Date;
}

/**
 * The one funnel every catalog and governance state change goes through. It opens a transaction,
 * takes a transaction-scoped advisory lock first (so concurrent writers queue instead of deadlocking
 * and the audit chain has one head), runs the change, and appends its audit entries before commit:
 * either the change and its audit entries are stored together, or neither is. Webhook deliveries for
 * the change are queued in the same transaction (the outbox), and caches are notified on commit.
 */
export async function mutate<T>(
  db: Database,
  options: MutationOptions,
  work: (context: MutationContext) => Promise<T>,
): Promise<T> {
  const clock = options.clock ?? (() => new Date());
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MUTATION_LOCK_KEY.toString()}::bigint)`);
    const records: AuditRecord[] = [];
    const result = await work({
      tx,
      actor: options.actor,
      now: clock,
      audit: (record) => records.push(record),
    });
    const entries = await appendAuditEntries(tx, options.actor, clock(), records);
    await enqueueWebhookEvents(tx, entries);
    await notifyChanges(tx, records);
    return result;
  });
}

/** Delivered to listeners when the transaction commits, never for a rolled-back change. */
async function notifyChanges(tx: Transaction, records: AuditRecord[]): Promise<void> {
  const seen = new Set<string>();
  for (const record of records) {
    const payload = JSON.stringify({ action: record.action, kind: record.targetKind, name: record.target });
    if (seen.has(payload)) continue;
    seen.add(payload);
    await tx.execute(sql`select pg_notify(${CATALOG_CHANNEL}, ${payload})`);
  }
}

async function appendAuditEntries(
  tx: Transaction,
  actor: string,
  at: Date,
  records: AuditRecord[],
): Promise<AnnouncedEntry[]> {
  if (records.length === 0) return [];
  const written: AnnouncedEntry[] = [];
  const last = await lastAuditEntry(tx);
  let position = last?.position ?? 0;
  let previousHash = last?.hash ?? GENESIS_HASH;
  for (const record of records) {
    position += 1;
    const entry = {
      position,
      at,
      actor,
      action: record.action,
      targetKind: record.targetKind,
      target: record.target,
      reason: record.reason ?? null,
      details: record.details ?? {},
    };
    const hash = auditHash(previousHash, entry);
    await insertAuditEntry(tx, { ...entry, previousHash, hash });
    written.push(entry);
    previousHash = hash;
  }
  return written;
}
