import type { FastifyInstance } from 'fastify';
import { PromptopsError } from '../../errors/index.ts';
import { feedbackOnRun } from '../../evaluation/feedback/index.ts';
import { authorize, can, grantedPrefixes } from '../../governance/access/index.ts';
import { findRunRecord, listRetrievedPassages, listRunRecords, listToolCalls } from '../../store/index.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import type { ServerDeps } from '../server-deps.ts';
import { CURSOR, ENVIRONMENT, LIMIT, NAME, TIME, VERSION } from './schema-parts.ts';

const LIST_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    prompt: { ...NAME, description: 'a prompt or chain name' },
    version: VERSION,
    status: { type: 'string', enum: ['ok', 'uncertain', 'escalated', 'blocked', 'failed'] },
    environment: ENVIRONMENT,
    since: TIME,
    until: TIME,
    limit: LIMIT,
    cursor: CURSOR,
  },
} as const;

const ID_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

interface ListQuery {
  prompt?: string;
  version?: number;
  status?: string;
  environment?: string;
  since?: string;
  until?: string;
  limit: number;
  cursor?: string;
}

/**
 * Run records (run-read on the prompt): newest first with filters and cursor pages, and one by id
 * with its tool calls and users' feedback.
 * A record holds the input's keyed fingerprint and, where the retention policy keeps them, the
 * redacted input and output; never the raw input. Without `prompt`, a caller sees the records of
 * the folders they hold a role on.
 */
export function runRecordRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get<{ Querystring: ListQuery }>(
    '/api/runs',
    { schema: { querystring: LIST_QUERY } },
    async (request) => {
      const { limit, cursor, since, until, ...filter } = request.query;
      if (filter.prompt !== undefined) authorize(request.principal, 'run-read', filter.prompt);
      const after = decodeCursor(cursor, { startedAt: 'string', id: 'string' });
      const rows = await listRunRecords(deps.handle.db, {
        ...filter,
        ...(since !== undefined && { since: new Date(since) }),
        ...(until !== undefined && { until: new Date(until) }),
        ...(after && { after: { startedAt: new Date(after.startedAt), id: after.id } }),
        namePrefixes: grantedPrefixes(request.principal, 'run-read'),
        limit: limit + 1,
      });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const next =
        rows.length > limit && last
          ? encodeCursor({ startedAt: last.startedAt.toISOString(), id: last.id })
          : null;
      // The prefixes already narrowed the query; this keeps a record from leaking if they ever drift.
      return { items: items.filter((row) => can(request.principal, 'run-read', row.prompt)), limit, next };
    },
  );

  app.get<{ Params: { id: string } }>('/api/runs/:id', { schema: { params: ID_PARAMS } }, async (request) => {
    const record = await findRunRecord(deps.handle.db, request.params.id);
    if (!record) {
      throw new PromptopsError('run_not_found', `no run record ${request.params.id}`, {
        runId: request.params.id,
      });
    }
    authorize(request.principal, 'run-read', record.prompt);
    // The tool trail (docs/tools.md): each call with its policy decision, redacted arguments and result summary.
    const toolCalls = await listToolCalls(deps.handle.db, record.id);
    return {
      ...record,
      toolCalls: toolCalls.map(({ runId: _runId, prompt: _prompt, ...call }) => call),
      // Retrieval provenance (docs/retrieval.md): the passages that entered the prompt, by id and version.
      retrieved: (await listRetrievedPassages(deps.handle.db, record.id)).map(
        ({ runId: _runId, prompt: _prompt, ...passage }) => passage,
      ),
      // Users' feedback on the run (feedback-routes.ts), oldest first.
      feedback: await feedbackOnRun({ db: deps.handle.db }, record.id),
    };
  });
}
