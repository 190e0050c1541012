import type { FastifyInstance } from 'fastify';
import {
  listSamplePage,
  type Rating,
  rateSample,
  type ScoringState,
  sampleScores,
  showSample,
} from '../../evaluation/continuous/index.ts';
import { authorize } from '../../governance/access/index.ts';
import { pageBeforeId } from '../page-cursor.ts';
import type { ServerDeps } from '../server-deps.ts';
import { runtimeOf } from './run-routes.ts';
import {
  EMPTY_BODY,
  ID_PARAMS,
  LIST_QUERY,
  LIST_RESPONSE,
  RATING_BODY,
  SAMPLE,
  SAMPLE_REF,
  SCORE_RESPONSE,
  STATS_QUERY,
  STATS_RESPONSE,
} from './sample-schemas.ts';
import { emptyBodyAsObject } from './schema-parts.ts';

interface ListQuery {
  prompt?: string;
  version?: number;
  unrated?: boolean;
  rating?: Rating;
  scoring?: ScoringState;
  limit: number;
  cursor?: string;
}

/**
 * Continuous evaluation over REST (issue 6, item 7; the CLI's `promptops samples`): the review
 * queue of sampled live runs, one sample, a person's rating, scoring what is due now, and scores
 * per version. Each route checks the action the CLI's subcommand does, through the same functions
 * (evaluation/continuous): run-read to list and show (the redacted input and output are shown),
 * sample-rate (reviewer) to rate, sample-score (deployer, whole catalog) to score, catalog-read for
 * the scores.
 */
export function sampleRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const review = { db: deps.handle.db };
  app.addSchema(SAMPLE);

  app.get<{ Querystring: ListQuery }>(
    '/api/samples',
    { schema: { querystring: LIST_QUERY, response: { 200: LIST_RESPONSE } } },
    async (request) => {
      return pageBeforeId(request.query, (filter) => listSamplePage(review, request.principal, filter));
    },
  );

  app.get<{ Querystring: { prompt: string } }>(
    '/api/samples/stats',
    { schema: { querystring: STATS_QUERY, response: { 200: STATS_RESPONSE } } },
    async (request) => ({
      prompt: request.query.prompt,
      versions: await sampleScores(review, request.principal, request.query.prompt),
    }),
  );

  app.post(
    '/api/samples/score',
    { preValidation: emptyBodyAsObject, schema: { body: EMPTY_BODY, response: { 200: SCORE_RESPONSE } } },
    async (request) => {
      authorize(request.principal, 'sample-score');
      return { items: await runtimeOf(deps).samples.scoreNow() };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/samples/:id',
    { schema: { params: ID_PARAMS, response: { 200: SAMPLE_REF } } },
    async (request) => showSample(review, request.principal, request.params.id),
  );

  app.post<{ Params: { id: number }; Body: { rating: Rating; comment?: string } }>(
    '/api/samples/:id/rating',
    { schema: { params: ID_PARAMS, body: RATING_BODY, response: { 200: SAMPLE_REF } } },
    async (request) =>
      rateSample(review, request.principal, {
        id: request.params.id,
        rating: request.body.rating,
        ...(request.body.comment !== undefined && { comment: request.body.comment }),
      }),
  );
}
