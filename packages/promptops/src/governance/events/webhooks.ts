import { PromptopsError } from '../../errors/index.ts';
import {
  insertWebhook,
  listDeliveries,
  listLiveWebhooks,
  removeWebhook as markRemoved,
  type WebhookRow,
} from '../../store/index.ts';
import { authorize, type Principal } from '../access/index.ts';
import { mutate } from '../audit/index.ts';
import type { GovernanceDeps } from '../changes/governance-deps.ts';
import { checkWebhookUrl } from './outbound-url.ts';
import { EVENT_NAMES, isKnownPattern } from './webhook-events.ts';

export interface WebhookInput {
  name: string;
  url: string;
  /** Event patterns; every event when absent. */
  events?: string[];
  /** The environment variable holding the signing secret, read by the delivering process. */
  secretEnv: string;
  allowPrivateNetwork?: boolean;
}

export interface WebhookSummary {
  name: string;
  url: string;
  events: string[];
  secretEnv: string;
  allowPrivateNetwork: boolean;
  createdBy: string;
  createdAt: string;
}

const summarise = (row: WebhookRow): WebhookSummary => ({
  name: row.name,
  url: row.url,
  events: row.events,
  secretEnv: row.secretEnv,
  allowPrivateNetwork: row.allowPrivateNetwork,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
});

export async function addWebhook(
  deps: GovernanceDeps,
  principal: Principal,
  input: WebhookInput,
): Promise<WebhookSummary> {
  authorize(principal, 'webhook-manage');
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(input.name)) {
    throw new PromptopsError(
      'invalid_argument',
      `webhook name "${input.name}": lower-case letters, digits, "-", "_"`,
      {
        parameter: 'name',
      },
    );
  }
  if (!/^[A-Z_][A-Z0-9_]*$/.test(input.secretEnv)) {
    throw new PromptopsError(
      'invalid_argument',
      `--secret-env names an environment variable, like ACME_WEBHOOK_SECRET`,
      {
        parameter: 'secret-env',
      },
    );
  }
  const events = input.events && input.events.length > 0 ? input.events : ['*'];
  const unknown = events.filter((pattern) => !isKnownPattern(pattern));
  if (unknown.length > 0) {
    throw new PromptopsError(
      'invalid_argument',
      `unknown event ${unknown.join(', ')}; events: ${EVENT_NAMES.join(', ')} (or change.*, *)`,
      {
        parameter: 'events',
      },
    );
  }
  const url = checkWebhookUrl(input.url, { allowPrivateNetwork: input.allowPrivateNetwork ?? false });
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const row = await insertWebhook(context.tx, {
      name: input.name,
      url: url.toString(),
      events,
      secretEnv: input.secretEnv,
      allowPrivateNetwork: input.allowPrivateNetwork ?? false,
      createdBy: principal.actor,
      createdAt: context.now(),
      removedAt: null,
    });
    if (!row) throw new PromptopsError('conflict', `a webhook named ${input.name} exists already`, {});
    context.audit({
      action: 'webhook-create',
      targetKind: 'webhook',
      target: input.name,
      details: { url: url.origin + url.pathname, events },
    });
    return summarise(row);
  });
}

export async function removeWebhook(deps: GovernanceDeps, principal: Principal, name: string): Promise<void> {
  authorize(principal, 'webhook-manage');
  await mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    if (!(await markRemoved(context.tx, name, context.now()))) {
      throw new PromptopsError('user_not_found', `no webhook named ${name}`, { name });
    }
    context.audit({ action: 'webhook-remove', targetKind: 'webhook', target: name });
  });
}

export async function listWebhooks(deps: GovernanceDeps, principal: Principal): Promise<WebhookSummary[]> {
  authorize(principal, 'webhook-manage');
  return (await listLiveWebhooks(deps.db)).map(summarise);
}

/** The delivery log, newest first: every event, its attempts, last status and error. */
export async function webhookDeliveryLog(
  deps: GovernanceDeps,
  principal: Principal,
  filter: { name?: string; status?: string; limit?: number } = {},
) {
  authorize(principal, 'webhook-manage');
  const hooks = await listLiveWebhooks(deps.db);
  const hook =
    filter.name === undefined ? undefined : hooks.find((candidate) => candidate.name === filter.name);
  if (filter.name !== undefined && !hook)
    throw new PromptopsError('user_not_found', `no webhook named ${filter.name}`, {});
  const names = new Map(hooks.map((candidate) => [candidate.id, candidate.name]));
  const rows = await listDeliveries(deps.db, {
    ...(hook && { webhookId: hook.id }),
    ...(filter.status !== undefined && { status: filter.status }),
    limit: filter.limit ?? 50,
  });
  return rows.map((row) => ({
    id: row.id,
    webhook: names.get(row.webhookId) ?? `#${row.webhookId} (removed)`,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
  }));
}
