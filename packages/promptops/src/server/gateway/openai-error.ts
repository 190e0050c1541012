import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, httpStatusOf, type PromptopsError } from '../../errors/index.ts';
import { toPromptopsError } from '../error-envelope.ts';

/** OpenAI's error body, which the official clients turn into `APIError` subclasses by status. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: ErrorCode };
}

/** Fields a code is about when its details name none (OpenAI's `param`). */
const PARAM_OF: Partial<Record<ErrorCode, string>> = {
  prompt_not_found: 'model',
  model_not_found: 'model',
  version_not_found: 'model',
  environment_not_found: 'model',
};

/**
 * The /v1 routes' errors, in OpenAI's shape with the error table's status: `code` is our code
 * (`prompt_not_found`, `variable_invalid`, `guard_blocked`…), `type` OpenAI's class of error. Like
 * the /api envelope, an internal error is logged with its cause and shows only the request id.
 */
export function toOpenAIError(
  known: PromptopsError,
  requestId: string,
): { status: number; body: OpenAIErrorBody } {
  const status = httpStatusOf(known.code);
  const parameter = known.details.parameter;
  return {
    status,
    body: {
      error: {
        message: known.code === 'internal' ? `internal error (request ${requestId})` : known.message,
        type: typeOf(status),
        param: typeof parameter === 'string' ? parameter : (PARAM_OF[known.code] ?? null),
        code: known.code,
      },
    },
  };
}

export function sendOpenAIError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = toPromptopsError(error);
  if (known.code === 'internal') request.log.error({ err: error }, 'internal error');
  const { status, body } = toOpenAIError(known, String(request.id));
  // The runtime has already retried and fallen back; a client retry would only repeat that. A
  // database or draining server (503) may recover, so that one the client may retry.
  if (status !== 503) reply.header('x-should-retry', 'false');
  return reply.status(status).send(body);
}

function typeOf(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'insufficient_quota';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}
