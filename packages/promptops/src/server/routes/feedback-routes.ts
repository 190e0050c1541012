import type { FastifyInstance } from 'fastify';
import { type FeedbackInput, postRunFeedback } from '../../evaluation/feedback/index.ts';
import { feedbackMetrics } from '../../observability/metrics/feedback-metrics.ts';
import type { ServerDeps } from '../server-deps.ts';

const PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

const BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['score'],
  properties: {
    score: {
      type: 'number',
      minimum: -1,
      maximum: 1,
      description: '-1 (bad) to 1 (good): thumbs are -1 / 1; 1–5 stars map to (stars - 3) / 2',
    },
    comment: { type: 'string', maxLength: 2000, description: "the user's words (kept with the run only)" },
    source: {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9._-]{0,63}$',
      description: 'where the feedback came from: web-widget, zendesk…',
    },
  },
} as const;

/**
 * `POST /api/runs/:id/feedback`: an application posts its user's feedback on a run it made
 * (prompt-run on the run's prompt: the token it runs prompts with). Stored with the run, audited,
 * counted in `promptops_feedback_total`; `GET /api/runs/:id` shows it.
 */
export function feedbackRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const feedbackDeps = {
    db: deps.handle.db,
    ...(deps.metrics && { onFeedback: feedbackMetrics(deps.metrics.registry) }),
  };
  app.post<{ Params: { id: string }; Body: Omit<FeedbackInput, 'runId'> }>(
    '/api/runs/:id/feedback',
    { schema: { params: PARAMS, body: BODY } },
    async (request, reply) => {
      const feedback = await postRunFeedback(feedbackDeps, request.principal, {
        runId: request.params.id,
        ...request.body,
      });
      return reply.status(201).send(feedback);
    },
  );
}
