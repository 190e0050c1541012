import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent, request } from 'undici';
import type { Database, WebhookDeliveryRow, WebhookRow } from '../../store/index.ts';
import { claimDueDeliveries, findWebhook, recordAttempt } from '../../store/index.ts';
import { checkAddress, checkWebhookUrl } from './outbound-url.ts';

export const MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;
/** A claimed delivery is retried by anyone after this, should its sender die mid-attempt. */
const LEASE_MS = 60_000;

export interface DeliverOptions {
  db: Database;
  /** Where signing secrets come from (`secret_env` names a variable here). */
  env: Record<string, string | undefined>;
  clock?: () => Date;
  /** Deliveries claimed per call. */
  batch?: number;
}

export interface DeliveryOutcome {
  id: number;
  event: string;
  webhook: string;
  status: 'delivered' | 'pending' | 'failed';
  statusCode: number | null;
  error: string | null;
}

/**
 * Wait before attempt n+1: 10 s doubling to at most an hour, with ±20% jitter so hooks that failed
 * together do not retry together. Eight attempts span about 40 minutes.
 */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const base = Math.min(10_000 * 2 ** (attempts - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * `sha256=<hex>` over `<timestamp>.<body>`: a receiver recomputes it with the shared secret and
 * rejects old timestamps, so a captured delivery cannot be replayed later.
 */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Sends the deliveries that are due, each by one dispatcher at a time across replicas (leased with
 * SKIP LOCKED), and records every attempt: the delivery log. Delivery is at least once; receivers
 * deduplicate by the delivery id. 2xx is delivered;
 * anything else is retried with backoff until MAX_ATTEMPTS, then failed.
 */
export async function deliverDueWebhooks(options: DeliverOptions): Promise<DeliveryOutcome[]> {
  const clock = options.clock ?? (() => new Date());
  const claimed = await options.db.transaction((tx) =>
    claimDueDeliveries(tx, clock(), new Date(clock().getTime() + LEASE_MS), options.batch ?? 20),
  );
  const outcomes: DeliveryOutcome[] = [];
  const hooks = new Map<number, WebhookRow | undefined>();
  // Sent outside any transaction: a slow receiver must never hold the database.
  for (const delivery of claimed) {
    if (!hooks.has(delivery.webhookId))
      hooks.set(delivery.webhookId, await findWebhook(options.db, delivery.webhookId));
    const hook = hooks.get(delivery.webhookId);
    const gone = !hook || hook.removedAt !== null;
    const attempt = gone
      ? { statusCode: null, error: 'the webhook was removed' }
      : await send(hook, delivery, options.env, clock());
    const attempts = delivery.attempts + 1;
    const delivered = attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
    const final = delivered || gone || attempts >= MAX_ATTEMPTS;
    const status = delivered ? 'delivered' : final ? 'failed' : 'pending';
    const now = clock();
    await recordAttempt(options.db, delivery.id, {
      status,
      attempts,
      nextAttemptAt: final ? now : new Date(now.getTime() + retryDelayMs(attempts)),
      lastStatusCode: attempt.statusCode,
      lastError: attempt.error,
      deliveredAt: delivered ? now : null,
    });
    outcomes.push({
      id: delivery.id,
      event: delivery.event,
      webhook: hook?.name ?? String(delivery.webhookId),
      status,
      statusCode: attempt.statusCode,
      error: attempt.error,
    });
  }
  return outcomes;
}

async function send(
  hook: WebhookRow,
  delivery: WebhookDeliveryRow,
  env: Record<string, string | undefined>,
  now: Date,
): Promise<{ statusCode: number | null; error: string | null }> {
  const secret = env[hook.secretEnv];
  if (!secret) return { statusCode: null, error: `the signing secret variable ${hook.secretEnv} is not set` };
  const options = { allowPrivateNetwork: hook.allowPrivateNetwork };
  // Every resolved address is checked as the connection is made, so DNS cannot swap in a private one.
  const dispatcher = new Agent({
    connect: {
      timeout: TIMEOUT_MS,
      lookup: (hostname, lookupOptions, callback) =>
        dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
          if (error) return callback(error, '', 0);
          try {
            const list = addresses as LookupAddress[];
            for (const { address } of list) checkAddress(address, options);
            const first = list[0]!;
            if ((lookupOptions as { all?: boolean }).all)
              return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
            return callback(null, first.address, first.family);
          } catch (refused) {
            return callback(refused as Error, '', 0);
          }
        }),
    },
  });
  try {
    const url = checkWebhookUrl(hook.url, options);
    const body = JSON.stringify({ id: delivery.id, ...(delivery.payload as object) });
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const response = await request(url, {
      method: 'POST',
      dispatcher,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'promptops-webhooks',
        'x-promptops-event': delivery.event,
        'x-promptops-delivery': String(delivery.id),
        'x-promptops-timestamp': timestamp,
        'x-promptops-signature': signPayload(secret, timestamp, body),
      },
      body,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    await response.body.dump();
    return {
      statusCode: response.statusCode,
      error: response.statusCode < 300 ? null : `HTTP ${response.statusCode}`,
    };
  } catch (error) {
    return { statusCode: null, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await dispatcher.close();
  }
}
