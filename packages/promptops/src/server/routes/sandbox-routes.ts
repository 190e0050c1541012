import type { FastifyInstance } from 'fastify';
import { PromptopsError } from '../../errors/index.ts';
import { listSandboxRuns, MAX_REPLAY_LIMIT, replayTraffic } from '../../evaluation/sandbox/index.ts';
import type { RunStatus } from '../../runtime/run-result.ts';
import { clientAbortSignal } from '../client-abort-signal.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import type { ServerDeps } from '../server-deps.ts';
import { runtimeOf } from './run-routes.ts';
import { CURSOR, ENVIRONMENT, LIMIT, NAME, TIME, VERSION } from './schema-parts.ts';

const STATUS = { type: 'string', enum: ['ok', 'uncertain', 'escalated', 'blocked', 'failed'] } as const;

const REPLAY_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['prompt', 'from'],
  properties: {
    prompt: {
      ...NAME,
      description: 'the prompt whose live runs are replayed (version-create and run-read on it)',
    },
    draft: {
      type: 'object',
      additionalProperties: false,
      required: ['content'],
      description: 'unsaved prompt content to replay through, as POST /api/drafts/check returns it',
      properties: { content: { type: 'object' } },
    },
    version: { ...VERSION, description: 'a saved version to replay through instead of a draft' },
    from: {
      type: 'object',
      additionalProperties: false,
      required: ['environment'],
      description: 'which live runs: the newest of the environment that kept their redacted input',
      properties: {
        environment: ENVIRONMENT,
        limit: { type: 'integer', minimum: 1, maximum: MAX_REPLAY_LIMIT, default: 50 },
        since: TIME,
        arm: { type: 'string', enum: ['stable', 'canary', 'pinned', 'latest'] },
        status: STATUS,
      },
    },
    concurrency: { type: 'integer', minimum: 1, maximum: 16, default: 4 },
  },
} as const;

interface ReplayBody {
  prompt: string;
  draft?: { content: Record<string, unknown> };
  version?: number;
  from: { environment: string; limit: number; since?: string; arm?: string; status?: RunStatus };
  concurrency: number;
}

const HISTORY_QUERY = {
  type: 'object',
  additionalProperties: false,
  required: ['prompt'],
  properties: {
    prompt: { ...NAME, description: 'run-read on it' },
    actor: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: "whose replays (`user:alice`); the caller's by default",
    },
    limit: LIMIT,
    cursor: CURSOR,
  },
} as const;

interface HistoryQuery {
  prompt: string;
  actor?: string;
  limit: number;
  cursor?: string;
}

/**
 * The sandbox (issue 10, item 4; docs/sandbox.md). `POST /api/sandbox/replay` replays the newest
 * live runs of a prompt that kept their redacted input through a draft (`draft.content`) or a
 * saved version (`version`) and answers 200 with the pairs and a summary; it needs version-create
 * and run-read on the prompt, and the draft runs are recorded under the `sandbox` environment with
 * the caller as `metadata.sandbox`. `GET /api/sandbox/runs?prompt=` lists a person's sandbox runs.
 */
export function sandboxRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post<{ Body: ReplayBody }>(
    '/api/sandbox/replay',
    { schema: { body: REPLAY_BODY } },
    async (request, reply) => {
      const body = request.body;
      const draft = draftOf(body);
      return replayTraffic(
        { db: deps.handle.db, catalog: deps.catalog, runtime: runtimeOf(deps) },
        request.principal,
        {
          prompt: body.prompt,
          draft,
          from: {
            environment: body.from.environment,
            limit: body.from.limit,
            ...(body.from.since !== undefined && { since: new Date(body.from.since) }),
            ...(body.from.arm !== undefined && { arm: body.from.arm }),
            ...(body.from.status !== undefined && { status: body.from.status }),
          },
          concurrency: body.concurrency,
          // A caller who hangs up stops the replay: no more model calls are paid for.
          signal: clientAbortSignal(reply),
        },
      );
    },
  );

  app.get<{ Querystring: HistoryQuery }>(
    '/api/sandbox/runs',
    { schema: { querystring: HISTORY_QUERY } },
    async (request) => {
      const { prompt, actor, limit, cursor } = request.query;
      const after = decodeCursor(cursor, { startedAt: 'string', id: 'string' });
      const rows = await listSandboxRuns(deps.handle.db, request.principal, {
        prompt,
        ...(actor !== undefined && { actor }),
        ...(after && { after: { startedAt: new Date(after.startedAt), id: after.id } }),
        limit: limit + 1,
      });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const next =
        rows.length > limit && last
          ? encodeCursor({ startedAt: last.startedAt.toISOString(), id: last.id })
          : null;
      return { items, limit, next };
    },
  );
}

function draftOf(body: ReplayBody) {
  if ((body.draft === undefined) === (body.version === undefined)) {
    throw new PromptopsError('invalid_argument', 'give `draft` (unsaved content) or `version`, one of them', {
      parameter: body.draft === undefined ? 'draft' : 'version',
    });
  }
  return body.draft !== undefined ? { content: body.draft.content } : { version: body.version! };
}
