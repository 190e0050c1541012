import { insertDelivery, listLiveWebhooks, type Transaction } from '../../store/index.ts';
import type { AuditAction } from '../audit/audit-actions.ts';
import { eventMatches, eventOf } from './webhook-events.ts';

export interface AnnouncedEntry {
  position: number;
  at: Date;
  actor: string;
  action: AuditAction;
  targetKind: string;
  target: string;
  reason: string | null;
  details: Record<string, unknown>;
}

/**
 * The transactional outbox: inside the mutation that made the events, one pending delivery per event
 * per matching hook. The payload is the audit entry (references, never secrets) plus its position,
 * so a receiver can fetch the rest and tell duplicates apart.
 */
export async function enqueueWebhookEvents(
  tx: Transaction,
  entries: readonly AnnouncedEntry[],
): Promise<void> {
  const announced = entries.flatMap((entry) => {
    const event = eventOf(entry.action);
    return event ? [{ event, entry }] : [];
  });
  if (announced.length === 0) return;
  const hooks = await listLiveWebhooks(tx);
  for (const { event, entry } of announced) {
    for (const hook of hooks) {
      if (!hook.events.some((pattern) => eventMatches(pattern, event))) continue;
      await insertDelivery(tx, {
        webhookId: hook.id,
        event,
        payload: {
          event,
          audit_position: entry.position,
          at: entry.at.toISOString(),
          actor: entry.actor,
          target_kind: entry.targetKind,
          target: entry.target,
          reason: entry.reason,
          details: entry.details,
        },
        status: 'pending',
        nextAttemptAt: entry.at,
        createdAt: entry.at,
      });
    }
  }
}
