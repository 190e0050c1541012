import type { FastifyInstance } from 'fastify';
import { type ProposeExampleInput, proposeExample } from '../../evaluation/feedback/index.ts';
import type { ServerDeps } from '../server-deps.ts';
import { ENVIRONMENT, NAME, RUN_SOURCE, SAMPLE_SOURCE } from './schema-parts.ts';

const BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'bank'],
  properties: {
    from: {
      type: 'object',
      description: 'a run record or a review-queue sample',
      oneOf: [RUN_SOURCE, SAMPLE_SOURCE],
    },
    bank: { ...NAME, description: 'the example bank: support/intent-examples' },
    input: {
      type: 'string',
      minLength: 1,
      maxLength: 20_000,
      description: "default: the run's redacted input when it has one text variable",
    },
    output: {
      oneOf: [{ type: 'string', minLength: 1, maxLength: 20_000 }, { type: 'object' }],
      description: "default: the run's redacted output",
    },
    notes: { type: 'string', minLength: 1, maxLength: 2000 },
    tags: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 100 } },
    environment: { ...ENVIRONMENT, description: 'where the new bank version is proposed (production)' },
    title: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const;

/**
 * `POST /api/examples/proposals`: a run or sample proposed as a few-shot example — a new version of
 * the bank with it appended, proposed through a change request, so it goes through the bank's
 * review (example-propose, reviewer, and change-propose on the bank).
 */
export function exampleProposalRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post<{ Body: ProposeExampleInput }>(
    '/api/examples/proposals',
    { schema: { body: BODY } },
    async (request, reply) => {
      const governanceDeps = { db: deps.handle.db, policies: deps.governance.policies };
      return reply.status(201).send(await proposeExample(governanceDeps, request.principal, request.body));
    },
  );
}
