import type { FastifyInstance } from 'fastify';
import {
  EXPERIMENT_METRICS,
  type ExperimentDeps,
  listExperimentViews,
  type StartExperimentInput,
  showExperiment,
  startExperiment,
  stopExperiment,
} from '../../evaluation/experiments/index.ts';
import type { ServerDeps } from '../server-deps.ts';
import { ENVIRONMENT, NAME, REASON } from './schema-parts.ts';

const METRIC = { type: 'string', enum: [...EXPERIMENT_METRICS] } as const;
const STATE = { type: 'string', enum: ['running', 'concluded', 'interrupted', 'stopped'] } as const;

const START_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['prompt', 'metric', 'minPerArm', 'maxDuration', 'reason'],
  properties: {
    prompt: NAME,
    environment: { ...ENVIRONMENT, default: 'production' },
    metric: { ...METRIC, description: 'the goal metric (docs/experiments.md, Metrics)' },
    direction: {
      type: 'string',
      enum: ['higher', 'lower'],
      description: "which way is better; default the metric's own (higher feedback, lower error-rate…)",
    },
    minPerArm: {
      type: 'integer',
      minimum: 2,
      maximum: 10_000_000,
      description: 'goal samples needed in each arm before the goal is tested (the horizon)',
    },
    maxDuration: {
      type: 'string',
      pattern: '^\\d{1,6}(m|h|d)$',
      description:
        'the latest end: 36h, 14d; inconclusive (under-powered) if the samples are not there by then',
    },
    alpha: { type: 'number', exclusiveMinimum: 0, maximum: 0.2, default: 0.05 },
    guardrails: {
      type: 'array',
      items: METRIC,
      maxItems: EXPERIMENT_METRICS.length,
      uniqueItems: true,
      description: 'metrics whose significant harm in the treatment ends the experiment early',
    },
    guardrailAlpha: { type: 'number', exclusiveMinimum: 0, maximum: 0.2, default: 0.01 },
    reason: REASON,
  },
} as const;

const LIST_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    prompt: { ...NAME, description: 'only this prompt' },
    state: STATE,
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
} as const;

const ID_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

const STOP_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: REASON },
} as const;

/**
 * A/B experiments between a deployment's stable and canary versions (docs/experiments.md):
 * `POST /api/experiments` starts one (deployer on the prompt), `GET /api/experiments` lists them
 * (viewer: those on prompts the caller reads runs of), `GET /api/experiments/:id` shows one with
 * its live per-arm figures, `POST /api/experiments/:id/stop` stops one by hand (deployer).
 */
export function experimentRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const experimentDeps: ExperimentDeps = { db: deps.handle.db, log: app.log };
  app.post<{ Body: StartExperimentInput }>(
    '/api/experiments',
    { schema: { body: START_BODY } },
    async (request, reply) => {
      const experiment = await startExperiment(experimentDeps, request.principal, request.body);
      return reply.status(201).send(experiment);
    },
  );
  app.get<{ Querystring: { prompt?: string; state?: string; limit: number } }>(
    '/api/experiments',
    { schema: { querystring: LIST_QUERY } },
    async (request) => ({
      experiments: await listExperimentViews(experimentDeps, request.principal, request.query),
    }),
  );
  app.get<{ Params: { id: number } }>(
    '/api/experiments/:id',
    { schema: { params: ID_PARAMS } },
    async (request) => showExperiment(experimentDeps, request.principal, request.params.id),
  );
  app.post<{ Params: { id: number }; Body: { reason: string } }>(
    '/api/experiments/:id/stop',
    { schema: { params: ID_PARAMS, body: STOP_BODY } },
    async (request) =>
      stopExperiment(experimentDeps, request.principal, {
        id: request.params.id,
        reason: request.body.reason,
      }),
  );
}
