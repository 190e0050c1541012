import type { FastifyInstance } from 'fastify';
import type { ArtifactKind } from '../../catalog/content/names.ts';
import { authorize } from '../../governance/access/index.ts';
import type { EvalResultInput } from '../../governance/changes/eval-results.ts';
import type { ServerDeps } from '../server-deps.ts';
import { ENVIRONMENT, KIND, KIND_NAME_PARAMS, NAME, VERSION } from './schema-parts.ts';

const RECORD_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'version', 'suite', 'passed', 'total'],
  properties: {
    kind: KIND,
    name: NAME,
    version: VERSION,
    suite: { type: 'string', minLength: 1, maxLength: 200 },
    passed: { type: 'integer', minimum: 0 },
    total: { type: 'integer', minimum: 1 },
    details: { type: 'object', description: 'free-form evidence kept with the result (metrics, run id)' },
  },
} as const;

const LATEST_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { version: VERSION },
} as const;

const METADATA_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: VERSION,
    environment: { ...ENVIRONMENT, description: 'where cycle time ends (default production)' },
    window: { type: 'integer', minimum: 1, maximum: 100, description: 'deploys the median is taken over' },
  },
} as const;

/**
 * Eval evidence: record a suite's result on a version (deployer: what CI does after `promptops
 * test`), and read the newest result per suite on a version (the latest version unless `?version`).
 */
export function evalRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post<{ Body: EvalResultInput }>(
    '/api/evals',
    { schema: { body: RECORD_BODY } },
    async (request, reply) => {
      const recorded = await deps.governance.evals.record(request.principal, request.body);
      return reply.status(201).send(recorded);
    },
  );

  app.get<{ Params: { kind: ArtifactKind; '*': string }; Querystring: { version?: number } }>(
    '/api/evals/:kind/*',
    { schema: { params: KIND_NAME_PARAMS, querystring: LATEST_QUERY } },
    async (request) => {
      const { kind, '*': name } = request.params;
      // Before resolving: whether a name exists is itself something only readers learn.
      authorize(request.principal, 'catalog-read', name);
      const asked = request.query.version;
      const { version } = await deps.catalog.resolve(
        kind,
        name,
        asked === undefined ? { latest: true } : { version: asked },
      );
      const results = await deps.governance.evals.latest(request.principal, { kind, name, version });
      return { kind, name, version, results };
    },
  );

  // The catalog fields of one prompt (docs/server.md): purpose, owner, last edit, newest eval results
  // with what they were tested with, and the cycle time from proposal to production.
  app.get<{
    Params: { kind: ArtifactKind; '*': string };
    Querystring: { version?: number; environment?: string; window?: number };
  }>(
    '/api/metadata/:kind/*',
    { schema: { params: KIND_NAME_PARAMS, querystring: METADATA_QUERY } },
    async (request) => {
      const { kind, '*': name } = request.params;
      const { version, environment, window } = request.query;
      return deps.governance.metadata(request.principal, {
        kind,
        name,
        ...(version !== undefined && { version }),
        ...(environment !== undefined && { environment }),
        ...(window !== undefined && { window }),
      });
    },
  );
}
