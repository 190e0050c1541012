import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../server-deps.ts';
import { ENVIRONMENT, REASON } from './schema-parts.ts';

const START_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['environment', 'reason'],
  properties: { environment: ENVIRONMENT, reason: REASON },
} as const;

const ENVIRONMENT_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['environment'],
  properties: { environment: ENVIRONMENT },
} as const;

const END_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { reason: REASON },
} as const;

/**
 * Deployment freezes: the ones in force now (the release calendar's windows from policies.yaml and
 * declared ones), declare one (an incident, a launch: deploys stop, rollbacks still go), end one.
 * Declaring and ending need the deployer role on the whole catalog.
 */
export function freezeRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const freezes = deps.governance.freezes;

  app.get('/api/freezes', async (request) => ({ items: await freezes.list(request.principal) }));

  app.post<{ Body: { environment: string; reason: string } }>(
    '/api/freezes',
    { schema: { body: START_BODY } },
    async (request, reply) => reply.status(201).send(await freezes.start(request.principal, request.body)),
  );

  app.delete<{ Params: { environment: string }; Querystring: { reason?: string } }>(
    '/api/freezes/:environment',
    { schema: { params: ENVIRONMENT_PARAMS, querystring: END_QUERY } },
    async (request) => ({
      ended: await freezes.end(request.principal, { ...request.params, ...request.query }),
    }),
  );
}
