import type { AuditAction } from '../audit/audit-actions.ts';

/** Audit actions announced to webhooks, by event name (`<noun>.<past tense>`). */
export const WEBHOOK_EVENTS = {
  'change-propose': 'change.proposed',
  'change-comment': 'change.commented',
  'change-approve': 'change.approved',
  'change-reject': 'change.rejected',
  'change-withdraw': 'change.withdrawn',
  'change-deploy': 'deployment.deployed',
  'canary-set': 'deployment.canary',
  'canary-promote': 'deployment.promoted',
  'deployment-rollback': 'deployment.rolled_back',
  'label-move': 'deployment.moved',
  'freeze-start': 'freeze.started',
  'freeze-end': 'freeze.ended',
  'policies-update': 'policies.updated',
  'experiment-start': 'experiment.started',
  'experiment-stop': 'experiment.stopped',
  'experiment-conclude': 'experiment.concluded',
  'experiment-interrupt': 'experiment.interrupted',
} as const satisfies Partial<Record<AuditAction, string>>;

/**
 * Events that announce no change, so have no audit entry: alerts firing and resolving, and a drift
 * watch finding a deployed version's scores fallen (`eval.drift`).
 */
export const ALERT_EVENTS = ['alert.firing', 'alert.resolved', 'eval.drift'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[keyof typeof WEBHOOK_EVENTS];
export const EVENT_NAMES: readonly string[] = [...Object.values(WEBHOOK_EVENTS), ...ALERT_EVENTS];

export function eventOf(action: AuditAction): WebhookEvent | undefined {
  return (WEBHOOK_EVENTS as Partial<Record<AuditAction, WebhookEvent>>)[action];
}

/** `*` matches every event, `change.*` every change event, anything else itself. */
export function eventMatches(pattern: string, event: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return event.startsWith(pattern.slice(0, -1));
  return pattern === event;
}

/** A pattern that can match some event; unknown names are refused so a typo never silences a hook. */
export function isKnownPattern(pattern: string): boolean {
  return EVENT_NAMES.some((event) => eventMatches(pattern, event));
}
