import type { FastifyInstance } from 'fastify';
import { renderedTokens } from '../../catalog/compress/rendered-tokens.ts';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import { PromptopsError } from '../../errors/index.ts';
import { listPromptSuites, runPromptSuites, type SuiteRunDeps } from '../../evaluation/suite-runs/index.ts';
import { authorize } from '../../governance/access/index.ts';
import { clientAbortSignal } from '../client-abort-signal.ts';
import type { ServerDeps } from '../server-deps.ts';
import { ENVIRONMENT, NAME, VERSION } from './schema-parts.ts';

const SUITE = { type: 'string', minLength: 1, maxLength: 200 } as const;

const SUITES_QUERY = {
  type: 'object',
  additionalProperties: false,
  required: ['prompt'],
  properties: { prompt: NAME },
} as const;

const RUN_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['prompt'],
  properties: {
    prompt: NAME,
    version: { ...VERSION, description: 'the version to run the suites on (give this or draft)' },
    draft: {
      type: 'object',
      additionalProperties: false,
      required: ['content'],
      description: "unsaved prompt content (the editor's draft); never recorded",
      properties: {
        content: { type: 'object', description: 'prompt content, as POST /api/drafts/check returns it' },
      },
    },
    environment: {
      ...ENVIRONMENT,
      description: 'where fragments and overrides resolve (default production)',
    },
    suites: { type: 'array', minItems: 1, maxItems: 50, uniqueItems: true, items: SUITE },
    only: {
      type: 'object',
      additionalProperties: false,
      description: 'run only these cases (nothing is recorded then)',
      properties: {
        cases: { type: 'array', maxItems: 500, items: { type: 'string', minLength: 1, maxLength: 100 } },
        proposed: { type: 'array', maxItems: 100, items: { type: 'integer', minimum: 1 } },
      },
    },
    record: { type: 'boolean', description: "record a version's results (default true)" },
  },
} as const;

const TOKENS_PARAMS = {
  type: 'object',
  required: ['*'],
  properties: { '*': NAME },
} as const;

const TOKENS_QUERY = {
  type: 'object',
  additionalProperties: false,
  required: ['versions'],
  properties: {
    versions: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: VERSION,
      description: 'versions=3&versions=4',
    },
  },
} as const;

type RunBody = {
  prompt: string;
  version?: number;
  draft?: { content: Record<string, unknown> };
  environment?: string;
  suites?: string[];
  only?: { cases?: string[]; proposed?: number[] };
  record?: boolean;
};

/**
 * Suites the server runs (issue 10; evaluation/suite-runs/README.md):
 * - `GET /api/suites?prompt=NAME`: the prompt suites targeting NAME, with the cases proposed from
 *   production that run beside them (catalog-read);
 * - `POST /api/eval-runs`: run them on a draft or a version and answer with per-case results; a
 *   version's full run is recorded for the approval gate (eval-run, author);
 * - `GET /api/rendered-tokens/NAME?versions=…`: tokens of one request per version, rendered with
 *   placeholder values (catalog-read): the change request's token change.
 * Without a project (`serve` outside one) the first two answer `config_invalid`, as running a prompt does.
 */
export function suiteRunRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const runDeps = (): SuiteRunDeps => {
    if (!deps.suites || !deps.runtime) {
      throw new PromptopsError(
        'config_invalid',
        'this server has no project (promptops.yaml and evals/): it cannot run suites',
        {},
      );
    }
    return {
      db: deps.handle.db,
      catalog: deps.catalog,
      runtime: deps.runtime,
      services: deps.suites.services,
      loadSuites: deps.suites.loadSuites,
      record: (principal, input) => deps.governance.evals.record(principal, input),
    };
  };

  app.get<{ Querystring: { prompt: string } }>(
    '/api/suites',
    { schema: { querystring: SUITES_QUERY } },
    async (request) => ({
      prompt: request.query.prompt,
      suites: await listPromptSuites(runDeps(), request.principal, request.query.prompt),
    }),
  );

  app.post<{ Body: RunBody }>('/api/eval-runs', { schema: { body: RUN_BODY } }, async (request, reply) =>
    runPromptSuites(runDeps(), request.principal, { ...request.body, signal: clientAbortSignal(reply) }),
  );

  app.get<{ Params: { '*': string }; Querystring: { versions: number[] } }>(
    '/api/rendered-tokens/*',
    { schema: { params: TOKENS_PARAMS, querystring: TOKENS_QUERY } },
    async (request) => {
      const name = request.params['*'];
      authorize(request.principal, 'catalog-read', name);
      const tokens: Record<string, number | null> = {};
      for (const version of request.query.versions) {
        const record = await deps.catalog.resolve('prompt', name, { version });
        tokens[version] = (await renderedTokens(deps.catalog, name, record.content as PromptContent)) ?? null;
      }
      return { name, tokens };
    },
  );
}
