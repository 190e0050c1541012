import type { FastifyInstance } from 'fastify';
import type { ArtifactKind } from '../../catalog/content/names.ts';
import type { ChangeState } from '../../governance/changes/change-summary.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import type { ServerDeps } from '../server-deps.ts';
import {
  CHANGE_ID_PARAMS,
  CURSOR,
  ENVIRONMENT,
  emptyBodyAsObject,
  KIND,
  LIMIT,
  NAME,
  REASON,
  VERSION,
} from './schema-parts.ts';

const STATES = ['open', 'approved', 'rejected', 'deployed', 'withdrawn'] as const;

const LIST_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: { type: 'array', items: { type: 'string', enum: [...STATES] }, maxItems: STATES.length },
    kind: KIND,
    name: NAME,
    limit: LIMIT,
    cursor: CURSOR,
  },
} as const;

const PROPOSE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'environment', 'title'],
  properties: {
    kind: KIND,
    name: NAME,
    environment: ENVIRONMENT,
    title: { type: 'string', minLength: 1, maxLength: 500 },
    version: VERSION,
    content: {
      type: 'object',
      additionalProperties: false,
      required: ['content', 'parentVersion'],
      description: 'New content, saved as the next version; parentVersion is the version it was based on.',
      properties: {
        content: { type: 'object' },
        parentVersion: { type: ['integer', 'null'], minimum: 1 },
      },
    },
  },
} as const;

/** `revision`: the change request's revision the caller last read (optimistic concurrency). */
const REVIEW_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: { reason: REASON, revision: { type: 'integer', minimum: 1 } },
} as const;

const REJECT_BODY = { ...REVIEW_BODY, required: ['reason'] } as const;

const COMMENT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['body'],
  properties: { body: { type: 'string', minLength: 1, maxLength: 10_000 } },
} as const;

interface ProposeBody {
  kind: ArtifactKind;
  name: string;
  environment: string;
  title: string;
  version?: number;
  content?: { content: Record<string, unknown>; parentVersion: number | null };
}

type Review = { Params: { id: number }; Body: { reason?: string; revision?: number } };

/**
 * Change requests: list (newest first, only what the caller may read), show, propose (new content
 * with its parent version: a stale parent is a 409 `conflict`), approve, reject, withdraw, comment.
 * Roles are checked by the governance functions; reviews may send the `revision` they read.
 */
export function changeRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const changes = deps.governance.changes;

  app.get<{
    Querystring: { state?: ChangeState[]; kind: ArtifactKind; name?: string; limit: number; cursor?: string };
  }>('/api/changes', { schema: { querystring: LIST_QUERY } }, async (request) => {
    const { state, kind, name, limit, cursor } = request.query;
    const before = decodeCursor(cursor, { before: 'number' })?.before;
    const items = await changes.list(request.principal, {
      ...(state && { states: state }),
      ...(name !== undefined && { name, kind }),
      ...(before !== undefined && { before }),
      limit: limit + 1,
    });
    const page = items.slice(0, limit);
    const next = items.length > limit ? encodeCursor({ before: page.at(-1)!.id }) : null;
    return { items: page, limit, next };
  });

  app.get<{ Params: { id: number } }>(
    '/api/changes/:id',
    { schema: { params: CHANGE_ID_PARAMS } },
    async (request) => changes.show(request.principal, request.params.id),
  );

  app.post<{ Body: ProposeBody }>(
    '/api/changes',
    { schema: { body: PROPOSE_BODY } },
    async (request, reply) => {
      const change = await changes.propose(request.principal, request.body);
      return reply.status(201).send(change);
    },
  );

  app.post<Review>(
    '/api/changes/:id/approve',
    { preValidation: emptyBodyAsObject, schema: { params: CHANGE_ID_PARAMS, body: REVIEW_BODY } },
    async (request) => changes.approve(request.principal, { id: request.params.id, ...request.body }),
  );

  app.post<Review>(
    '/api/changes/:id/reject',
    { schema: { params: CHANGE_ID_PARAMS, body: REJECT_BODY } },
    async (request) => changes.reject(request.principal, { id: request.params.id, ...request.body }),
  );

  app.post<Review>(
    '/api/changes/:id/withdraw',
    { preValidation: emptyBodyAsObject, schema: { params: CHANGE_ID_PARAMS, body: REVIEW_BODY } },
    async (request) => changes.withdraw(request.principal, { id: request.params.id, ...request.body }),
  );

  app.post<{ Params: { id: number }; Body: { body: string } }>(
    '/api/changes/:id/comments',
    { schema: { params: CHANGE_ID_PARAMS, body: COMMENT_BODY } },
    async (request, reply) => {
      const event = await changes.comment(request.principal, {
        id: request.params.id,
        body: request.body.body,
      });
      return reply.status(201).send(event);
    },
  );
}
