import type { FastifyInstance } from 'fastify';
import { PromptopsError } from '../../errors/index.ts';
import { authorize } from '../../governance/access/index.ts';
import { verifyAuditChain } from '../../governance/audit/index.ts';
import { listAuditEntries } from '../../store/index.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import type { ServerDeps } from '../server-deps.ts';
import { CURSOR, LIMIT, TIME } from './schema-parts.ts';

const LOG_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    actor: { type: 'string', minLength: 1, maxLength: 200 },
    action: { type: 'string', pattern: '^[a-z][a-z-]{0,62}$' },
    target: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'an exact target, or a folder ending in / for everything under it',
    },
    since: TIME,
    until: TIME,
    limit: LIMIT,
    cursor: CURSOR,
  },
} as const;

const VERIFY_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    expectHead: {
      type: 'string',
      pattern: '^[0-9a-f]{64}$',
      description: 'the head hash recorded elsewhere: a shorter chain (newest entries removed) fails',
    },
  },
} as const;

interface LogQuery {
  actor?: string;
  action?: string;
  target?: string;
  since?: string;
  until?: string;
  limit: number;
  cursor?: string;
}

/**
 * The audit trail (audit-read, on the whole catalog): entries newest first with filters and cursor
 * pages, and `verify`, which walks the hash chain. A broken chain is `audit_broken` with the first
 * bad entry in `details`, so `curl --fail` in a cron job notices.
 */
export function auditRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get<{ Querystring: LogQuery }>(
    '/api/audit',
    { schema: { querystring: LOG_QUERY } },
    async (request) => {
      authorize(request.principal, 'audit-read');
      const { limit, cursor, since, until, ...filter } = request.query;
      const position = decodeCursor(cursor, { before: 'number' })?.before;
      const rows = await listAuditEntries(deps.handle.db, {
        ...filter,
        ...(since !== undefined && { since: new Date(since) }),
        ...(until !== undefined && { until: new Date(until) }),
        ...(position !== undefined && { beforePosition: position }),
        limit: limit + 1,
      });
      const items = rows.slice(0, limit);
      const next = rows.length > limit ? encodeCursor({ before: items.at(-1)!.position }) : null;
      return { items, limit, next };
    },
  );

  app.get<{ Querystring: { expectHead?: string } }>(
    '/api/audit/verify',
    { schema: { querystring: VERIFY_QUERY } },
    async (request) => {
      authorize(request.principal, 'audit-read');
      const result = await verifyAuditChain(deps.handle.db, { expectedHead: request.query.expectHead });
      if (!result.ok) {
        throw new PromptopsError('audit_broken', `audit chain broken: ${result.problem.message}`, {
          verifiedEntries: result.entries,
          problem: result.problem,
        });
      }
      return result;
    },
  );
}
