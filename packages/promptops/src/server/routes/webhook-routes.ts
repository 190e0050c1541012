import type { FastifyInstance } from 'fastify';
import type { WebhookInput } from '../../governance/events/webhooks.ts';
import type { ServerDeps } from '../server-deps.ts';
import { LIMIT } from './schema-parts.ts';

const WEBHOOK_NAME = { type: 'string', minLength: 1, maxLength: 63 } as const;

const ADD_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'url', 'secretEnv'],
  properties: {
    name: WEBHOOK_NAME,
    url: { type: 'string', minLength: 1, maxLength: 2000 },
    events: {
      type: 'array',
      maxItems: 50,
      items: { type: 'string', minLength: 1, maxLength: 100 },
      description: 'event names or patterns (change.*, *); every event when absent',
    },
    secretEnv: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      description: 'the environment variable holding the signing secret (never the secret itself)',
    },
    allowPrivateNetwork: { type: 'boolean' },
  },
} as const;

const NAME_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: WEBHOOK_NAME },
} as const;

const LOG_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: WEBHOOK_NAME,
    status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
    limit: LIMIT,
  },
} as const;

/**
 * Webhooks (webhook-manage: admins): list, add (the URL is checked against private networks unless
 * allowed), remove, and the delivery log newest first.
 */
export function webhookRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const webhooks = deps.governance.webhooks;

  app.get('/api/webhooks', async (request) => ({ items: await webhooks.list(request.principal) }));

  app.post<{ Body: WebhookInput }>('/api/webhooks', { schema: { body: ADD_BODY } }, async (request, reply) =>
    reply.status(201).send(await webhooks.add(request.principal, request.body)),
  );

  app.delete<{ Params: { name: string } }>(
    '/api/webhooks/:name',
    { schema: { params: NAME_PARAMS } },
    async (request, reply) => {
      await webhooks.remove(request.principal, request.params.name);
      return reply.status(204).send();
    },
  );

  app.get<{ Querystring: { name?: string; status?: string; limit: number } }>(
    '/api/webhooks/deliveries',
    { schema: { querystring: LOG_QUERY } },
    async (request) => ({ items: await webhooks.deliveries(request.principal, request.query) }),
  );
}
