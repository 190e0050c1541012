import type { FastifyInstance } from 'fastify';
import {
  type CandidateState,
  decideEvalCase,
  listEvalCaseCandidatePage,
  type ProposeEvalCaseInput,
  proposeEvalCase,
  showEvalCaseCandidate,
} from '../../evaluation/feedback/index.ts';
import { pageBeforeId } from '../page-cursor.ts';
import type { ServerDeps } from '../server-deps.ts';
import { CURSOR, LIMIT, NAME, REASON, RUN_SOURCE, SAMPLE_SOURCE, VERSION } from './schema-parts.ts';

const SUITE = { type: 'string', minLength: 1, maxLength: 200, description: 'support/intents' } as const;
const STATE = { type: 'string', enum: ['proposed', 'added', 'dismissed'] } as const;

const FROM = {
  type: 'object',
  description: 'exactly one source: a run record, a review-queue sample, or a failed eval case',
  oneOf: [
    RUN_SOURCE,
    SAMPLE_SOURCE,
    {
      type: 'object',
      additionalProperties: false,
      required: ['evalCase'],
      properties: {
        evalCase: {
          type: 'object',
          additionalProperties: false,
          required: ['prompt', 'version', 'suite', 'case'],
          properties: {
            prompt: NAME,
            version: VERSION,
            suite: SUITE,
            case: { type: 'string', minLength: 1, maxLength: 100 },
          },
        },
      },
    },
  ],
} as const;

const PROPOSE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'suite', 'expected'],
  properties: {
    from: FROM,
    suite: SUITE,
    expected: {
      type: 'object',
      additionalProperties: false,
      description: 'the outcome the reviewer expects: suite assertions, an expected class, or both',
      properties: {
        assert: { type: 'array', maxItems: 50, items: { type: 'object' } },
        expected_class: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
    variables: {
      type: 'object',
      description: "the case's variables; required when the source's input was not retained",
    },
    id: { type: 'string', minLength: 1, maxLength: 100 },
    description: { type: 'string', minLength: 1, maxLength: 2000 },
    tags: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 100 } },
  },
} as const;

const LIST_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { suite: SUITE, prompt: NAME, state: STATE, limit: LIMIT, cursor: CURSOR },
} as const;

const ID_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

const DISMISS_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: REASON },
} as const;

interface ListQuery {
  suite?: string;
  prompt?: string;
  state?: CandidateState;
  limit: number;
  cursor?: string;
}

/**
 * Eval cases from production (issue 10, item 1; docs/evaluation.md, "From feedback to tests"):
 * turn a run, a review-queue sample or a failed eval case into a proposed case with the expected
 * outcome (eval-case-propose, reviewer), list and show proposals (run-read: they hold redacted
 * input), and dismiss one. Suites are files in git, so a proposal enters a suite only when a person
 * writes it there with `promptops evals add-case SUITE --from-candidate ID`.
 */
export function evalCaseRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const feedbackDeps = {
    db: deps.handle.db,
    ...(deps.suites && { loadSuites: deps.suites.loadSuites }),
  };

  app.post<{ Body: ProposeEvalCaseInput }>(
    '/api/eval-cases',
    { schema: { body: PROPOSE_BODY } },
    async (request, reply) =>
      reply.status(201).send(await proposeEvalCase(feedbackDeps, request.principal, request.body)),
  );

  app.get<{ Querystring: ListQuery }>(
    '/api/eval-cases',
    { schema: { querystring: LIST_QUERY } },
    async (request) => {
      return pageBeforeId(request.query, (filter) =>
        listEvalCaseCandidatePage(feedbackDeps, request.principal, filter),
      );
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/eval-cases/:id',
    { schema: { params: ID_PARAMS } },
    async (request) => showEvalCaseCandidate(feedbackDeps, request.principal, request.params.id),
  );

  app.post<{ Params: { id: number }; Body: { reason: string } }>(
    '/api/eval-cases/:id/dismiss',
    { schema: { params: ID_PARAMS, body: DISMISS_BODY } },
    async (request) =>
      decideEvalCase(feedbackDeps, request.principal, {
        id: request.params.id,
        state: 'dismissed',
        decision: request.body.reason,
      }),
  );
}
