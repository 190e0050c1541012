import { type Database, insertDelivery, listLiveWebhooks } from '../../store/index.ts';
import type { AlertEvent } from './webhook-events.ts';
import { eventMatches } from './webhook-events.ts';

export interface AlertNotice {
  event: AlertEvent;
  at: Date;
  /** The prompt the alert is about. */
  target: string;
  /** One line a person reads: the rule, the series and the figures. */
  reason: string;
  /** The alert's state: rule, severity, environment, version, arm, value, threshold, runs. */
  details: Record<string, unknown>;
  /** Who raised it; `system:alerts` unless said (the drift watch is `system:drift`). */
  actor?: string;
}

/**
 * Queues an alert notice in the webhook outbox (one delivery per matching hook), delivered and
 * retried like every governance event and shown in the delivery log. The payload has the shape of
 * the other events, without an audit position: an alert changes nothing, so it is not audited (a
 * rollback it causes is).
 */
export async function enqueueAlertEvent(db: Database, notice: AlertNotice): Promise<number> {
  return db.transaction(async (tx) => {
    const hooks = (await listLiveWebhooks(tx)).filter((hook) =>
      hook.events.some((pattern) => eventMatches(pattern, notice.event)),
    );
    for (const hook of hooks) {
      await insertDelivery(tx, {
        webhookId: hook.id,
        event: notice.event,
        payload: {
          event: notice.event,
          at: notice.at.toISOString(),
          actor: notice.actor ?? 'system:alerts',
          target_kind: 'prompt',
          target: notice.target,
          reason: notice.reason,
          details: notice.details,
        },
        status: 'pending',
        nextAttemptAt: notice.at,
        createdAt: notice.at,
      });
    }
    return hooks.length;
  });
}
