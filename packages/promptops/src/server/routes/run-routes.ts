import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderedOrThrow, renderVersion } from '../../catalog/service/render-version.ts';
import type { VersionSelector } from '../../catalog/service/selector.ts';
import { PromptopsError } from '../../errors/index.ts';
import { authorize } from '../../governance/access/index.ts';
import type { Runtime } from '../../runtime/create-runtime.ts';
import type { RunOptions } from '../../runtime/run-options.ts';
import { clientAbortSignal } from '../client-abort-signal.ts';
import type { ServerDeps } from '../server-deps.ts';

const TARGET = {
  prompt: { type: 'string', minLength: 1, maxLength: 200 },
  variables: { type: 'object', default: {} },
  version: { type: 'integer', minimum: 1 },
  environment: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,62}$' },
} as const;

export const RUN_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['prompt'],
  properties: {
    ...TARGET,
    stickyKey: { type: 'string', minLength: 1, maxLength: 200 },
    complexity: { type: 'string', enum: ['low', 'medium', 'high'] },
    // The conversation so far and the caller's latest message, as the OpenAI gateway takes them
    // (RunOptions.history / .message). No system turns: the version brings the system prompt.
    history: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['role', 'content'],
        properties: { role: { type: 'string', enum: ['user', 'assistant'] }, content: { type: 'string' } },
      },
    },
    message: {
      type: 'object',
      additionalProperties: false,
      required: ['text'],
      properties: { text: { type: 'string' }, variable: { type: 'string', minLength: 1, maxLength: 200 } },
    },
    draft: {
      type: 'object',
      additionalProperties: false,
      required: ['content'],
      description:
        "unsaved prompt content to run instead of a version (the editor's Try it); needs version-create on the name",
      properties: {
        content: { type: 'object', description: 'prompt content, as POST /api/drafts/check returns it' },
      },
    },
  },
} as const;

const RENDER_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['prompt'],
  properties: TARGET,
} as const;

export interface RunBody {
  prompt: string;
  variables: Record<string, unknown>;
  version?: number;
  environment?: string;
  stickyKey?: string;
  complexity?: 'low' | 'medium' | 'high';
  history?: { role: 'user' | 'assistant'; content: string }[];
  message?: { text: string; variable?: string };
  draft?: { content: Record<string, unknown> };
}

/**
 * `POST /api/runs`: a governed prompt through the runtime. An answered run is 200 with its `status`
 * (ok, uncertain, escalated, blocked) as the library returns it; a failed one is the error envelope
 * with its code's status and the run id in `details`. The run id, version and arm are also headers. `POST /api/renders`: the rendered messages, no model call.
 */
export function runRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post<{ Body: RunBody }>('/api/runs', { schema: { body: RUN_BODY } }, async (request, reply) => {
    const body = request.body;
    authorize(request.principal, 'prompt-run', body.prompt);
    // A draft is text nobody reviewed, run with the project's model keys and tools: whoever may run
    // it must be someone who could push it as a version anyway (an author on the name).
    if (body.draft !== undefined) authorize(request.principal, 'version-create', body.prompt);
    const result = await runtimeOf(deps).run(body.prompt, body.variables, runOptionsOf(body, request, reply));
    reply.header('x-promptops-run-id', result.runId);
    if (result.version !== null) reply.header('x-promptops-version', String(result.version));
    if (result.arm !== null) reply.header('x-promptops-arm', result.arm);
    // A run that failed is an error with its code's status; blocked, escalated and uncertain are answers.
    if (result.status === 'failed' && result.error) {
      throw new PromptopsError(result.error.code, result.error.message, { runId: result.runId });
    }
    return result;
  });

  app.post<{ Body: Pick<RunBody, 'prompt' | 'variables' | 'version' | 'environment'> }>(
    '/api/renders',
    { schema: { body: RENDER_BODY } },
    async (request) => {
      const body = request.body;
      authorize(request.principal, 'catalog-read', body.prompt);
      const selector: VersionSelector =
        body.version !== undefined
          ? { version: body.version }
          : body.environment !== undefined
            ? { environment: body.environment }
            : { latest: true };
      const rendered = await renderVersion(deps.catalog, {
        name: body.prompt,
        selector,
        variables: body.variables,
        ...(body.environment !== undefined && { fragmentEnvironment: body.environment }),
      });
      const result = renderedOrThrow(rendered);
      return { prompt: body.prompt, version: rendered.version.version, ...result };
    },
  );
}

/** A run request's options: its target and routing choices, the request id, and the hang-up signal. */
export function runOptionsOf(body: RunBody, request: FastifyRequest, reply: FastifyReply): RunOptions {
  if (body.draft !== undefined && body.version !== undefined) {
    throw new PromptopsError(
      'invalid_argument',
      'give `version` or `draft`, not both: a draft has no version',
      {
        parameter: 'version',
      },
    );
  }
  return {
    ...(body.version !== undefined && { version: body.version }),
    ...(body.environment !== undefined && { environment: body.environment }),
    ...(body.stickyKey !== undefined && { stickyKey: body.stickyKey }),
    ...(body.complexity !== undefined && { complexity: body.complexity }),
    ...(body.history !== undefined && { history: body.history }),
    ...(body.message !== undefined && { message: body.message }),
    ...(body.draft !== undefined && { draft: { content: body.draft.content } }),
    requestId: String(request.id),
    signal: clientAbortSignal(reply),
  };
}

export function runtimeOf(deps: ServerDeps): Runtime {
  if (!deps.runtime) {
    throw new PromptopsError(
      'config_invalid',
      'this server runs without a project (no promptops.yaml): it serves the catalog but cannot run prompts',
      {},
    );
  }
  return deps.runtime;
}
