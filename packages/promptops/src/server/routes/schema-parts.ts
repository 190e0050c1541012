import type { FastifyRequest } from 'fastify';
import { ARTIFACT_KINDS } from '../../catalog/content/names.ts';

/** JSON Schema pieces the route files share; the OpenAPI document is generated from them. */

export const KIND = { type: 'string', enum: [...ARTIFACT_KINDS], default: 'prompt' } as const;
export const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
export const ENVIRONMENT = { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,62}$' } as const;
export const VERSION = { type: 'integer', minimum: 1 } as const;
export const REASON = { type: 'string', minLength: 1, maxLength: 2000 } as const;
export const USERNAME = { type: 'string', minLength: 1, maxLength: 100 } as const;
export const LIMIT = { type: 'integer', minimum: 1, maximum: 500, default: 50 } as const;
/** An opaque page cursor: the `next` of the previous page. */
export const CURSOR = { type: 'string', minLength: 1, maxLength: 400 } as const;
export const TIME = { type: 'string', format: 'date-time' } as const;
/** Where feedback-made cases and examples come from: `{ run: ID }` or `{ sample: ID }`. */
export const RUN_SOURCE = {
  type: 'object',
  additionalProperties: false,
  required: ['run'],
  properties: { run: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;
export const SAMPLE_SOURCE = {
  type: 'object',
  additionalProperties: false,
  required: ['sample'],
  properties: { sample: { type: 'integer', minimum: 1 } },
} as const;

/** `:id` of a change request. */
export const CHANGE_ID_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

/** A body with only an optional reason (approve, withdraw, promote…). */
export const REASON_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: { reason: REASON },
} as const;

/** `:kind/<name>` routes: the name is the rest of the path, slashes included. */
export const KIND_NAME_PARAMS = {
  type: 'object',
  required: ['kind', '*'],
  properties: { kind: { type: 'string', enum: [...ARTIFACT_KINDS] }, '*': NAME },
} as const;

/**
 * A `preValidation` hook for routes whose body fields are all optional (approve, withdraw, deploy):
 * a request without a body counts as `{}` rather than failing with "body must be object".
 */
export async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}
