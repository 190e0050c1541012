import { RATINGS, SCORING_STATES } from '../../evaluation/continuous/index.ts';
import { CURSOR, LIMIT, NAME, VERSION } from './schema-parts.ts';

/**
 * JSON Schemas of the sample review queue's routes (sample-routes.ts): what the OpenAPI document
 * shows, and what Fastify validates and serialises. The shapes are evaluation/continuous's
 * SampleSummary, SampleOutcome and VersionSampleScores.
 */

const NULLABLE_STRING = { type: ['string', 'null'] } as const;
const NULLABLE_NUMBER = { type: ['number', 'null'] } as const;

const ASSERTION_RESULT = {
  type: 'object',
  required: ['type', 'pass', 'score', 'weight'],
  properties: {
    type: { type: 'string' },
    pass: { type: ['boolean', 'null'], description: 'null: unmeasured' },
    score: { type: 'number' },
    weight: { type: 'number' },
    reason: { type: 'string' },
  },
} as const;

const JUDGE_VERDICT = {
  type: ['object', 'null'],
  description: "the judge's verdict on the rubric, or { unmeasured: why }; null without a rubric",
  properties: {
    pass: { type: 'boolean' },
    score: { type: 'number' },
    reason: { type: 'string' },
    unmeasured: { type: 'string' },
  },
} as const;

export const SAMPLE = {
  $id: 'Sample',
  type: 'object',
  description: 'A sampled live run: the redacted run, its online scores and its rating.',
  required: [
    'id',
    'runId',
    'prompt',
    'version',
    'environment',
    'runStatus',
    'startedAt',
    'sampledAt',
    'input',
    'output',
    'scoring',
    'pass',
    'score',
    'assertions',
    'judge',
    'rating',
  ],
  properties: {
    id: { type: 'integer' },
    runId: { type: 'string' },
    prompt: { type: 'string' },
    version: { type: 'integer' },
    environment: NULLABLE_STRING,
    runStatus: { type: 'string', enum: ['ok', 'uncertain', 'escalated', 'blocked', 'failed'] },
    startedAt: { type: 'string', format: 'date-time' },
    sampledAt: { type: 'string', format: 'date-time' },
    input: { ...NULLABLE_STRING, description: 'the variables as canonical JSON, personal data replaced' },
    output: { ...NULLABLE_STRING, description: 'the answer, personal data replaced' },
    scoring: {
      type: 'object',
      required: ['status', 'attempts', 'error'],
      properties: {
        status: { type: 'string', enum: [...SCORING_STATES] },
        attempts: { type: 'integer' },
        error: NULLABLE_STRING,
      },
    },
    pass: { type: ['boolean', 'null'], description: "the online assertions' verdict; null: unmeasured" },
    score: { ...NULLABLE_NUMBER, description: 'weighted assertion score 0..1' },
    assertions: { type: 'array', items: ASSERTION_RESULT },
    judge: JUDGE_VERDICT,
    rating: {
      type: ['object', 'null'],
      required: ['rating', 'comment', 'by', 'at'],
      properties: {
        rating: { type: 'string', enum: [...RATINGS] },
        comment: NULLABLE_STRING,
        by: { type: 'string' },
        at: { type: 'string', format: 'date-time' },
      },
    },
  },
} as const;

export const SAMPLE_REF = { $ref: 'Sample#' } as const;

export const LIST_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    prompt: { ...NAME, description: 'a prompt name; without it, the prompts the caller may read runs of' },
    version: { ...VERSION, description: 'needs prompt' },
    unrated: { type: 'boolean', description: 'only samples nobody has rated: the review queue' },
    rating: { type: 'string', enum: [...RATINGS] },
    scoring: { type: 'string', enum: [...SCORING_STATES] },
    limit: LIMIT,
    cursor: CURSOR,
  },
} as const;

export const LIST_RESPONSE = {
  type: 'object',
  required: ['items', 'limit', 'next'],
  properties: {
    items: { type: 'array', items: SAMPLE_REF },
    limit: { type: 'integer' },
    next: { ...NULLABLE_STRING, description: 'the cursor of the next page; null on the last' },
  },
} as const;

export const ID_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
} as const;

export const RATING_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['rating'],
  properties: {
    rating: { type: 'string', enum: [...RATINGS] },
    comment: { type: 'string', maxLength: 2000, description: 'kept with the sample, not in the audit entry' },
  },
} as const;

/** Scoring takes no parameters: an empty object, or no body at all. */
export const EMPTY_BODY = { type: 'object', additionalProperties: false, properties: {} } as const;

export const SCORE_RESPONSE = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      description: 'every sample taken up in this pass',
      items: {
        type: 'object',
        required: ['id', 'runId', 'prompt', 'version', 'status', 'pass', 'judge', 'error'],
        properties: {
          id: { type: 'integer' },
          runId: { type: 'string' },
          prompt: { type: 'string' },
          version: { type: 'integer' },
          status: {
            type: 'string',
            enum: ['scored', 'pending', 'failed'],
            description: 'pending: will be tried again; failed: given up',
          },
          pass: { type: ['boolean', 'null'] },
          judge: JUDGE_VERDICT,
          error: NULLABLE_STRING,
        },
      },
    },
  },
} as const;

export const STATS_QUERY = {
  type: 'object',
  additionalProperties: false,
  required: ['prompt'],
  properties: { prompt: NAME },
} as const;

const SHARE = { type: ['number', 'null'], minimum: 0, maximum: 1 } as const;

export const STATS_RESPONSE = {
  type: 'object',
  required: ['prompt', 'versions'],
  properties: {
    prompt: { type: 'string' },
    versions: {
      type: 'array',
      description: 'newest version first',
      items: {
        type: 'object',
        required: [
          'version',
          'samples',
          'scored',
          'pending',
          'failed',
          'onlinePassRate',
          'onlineMeasured',
          'judgeMean',
          'judged',
          'good',
          'bad',
          'goodRate',
        ],
        properties: {
          version: { type: 'integer' },
          samples: { type: 'integer' },
          scored: { type: 'integer' },
          pending: { type: 'integer' },
          failed: { type: 'integer' },
          onlinePassRate: { ...SHARE, description: 'of the scored samples where an assertion was measured' },
          onlineMeasured: { type: 'integer' },
          judgeMean: { ...SHARE, description: 'mean judge score of the graded samples' },
          judged: { type: 'integer' },
          good: { type: 'integer' },
          bad: { type: 'integer' },
          goodRate: { ...SHARE, description: 'good / (good + bad)' },
        },
      },
    },
  },
} as const;
