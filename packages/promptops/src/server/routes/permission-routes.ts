import type { FastifyInstance } from 'fastify';
import { ACTIONS, type Action, can } from '../../governance/access/index.ts';
import type { ServerDeps } from '../server-deps.ts';

const QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: {
      type: 'string',
      maxLength: 200,
      default: '',
      description: "an artifact name; '' for the whole catalog",
    },
  },
} as const;

/**
 * `GET /api/permissions?name=NAME`: the actions the caller may take on an artifact (global actions
 * are judged on the whole catalog), so the web UI shows or disables each control by what the server
 * will allow. It decides nothing itself: every route still checks the caller's role.
 */
export function permissionRoutes(app: FastifyInstance, _deps: ServerDeps): void {
  app.get<{ Querystring: { name: string } }>(
    '/api/permissions',
    { schema: { querystring: QUERY } },
    async (request) => {
      const { name } = request.query;
      const allowed = (Object.keys(ACTIONS) as Action[]).filter((action) =>
        can(request.principal, action, name),
      );
      return { actor: request.principal.actor, name, allowed };
    },
  );
}
