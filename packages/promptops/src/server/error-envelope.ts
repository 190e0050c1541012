import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { httpStatusOf, PromptopsError } from '../errors/index.ts';

/** The one error body every /api route returns: `{ error: { code, message, details, requestId } }`. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details: Record<string, unknown>; requestId: string };
}

/**
 * Maps every failure to the error-code table: a PromptopsError keeps its code and status, a schema
 * or body-parse failure is `invalid_argument` naming the parameter, anything else is `internal`
 * (logged with the stack; the caller sees only the request id).
 */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = toPromptopsError(error);
  if (known.code === 'internal') request.log.error({ err: error }, 'internal error');
  const body: ErrorEnvelope = {
    error: {
      code: known.code,
      message: known.code === 'internal' ? `internal error (request ${request.id})` : known.message,
      details: known.code === 'internal' ? {} : known.details,
      requestId: String(request.id),
    },
  };
  return reply.status(httpStatusOf(known.code)).send(body);
}

export function toPromptopsError(error: unknown): PromptopsError {
  if (PromptopsError.isInstance(error)) return error;
  const fastify = error as FastifyError;
  if (fastify?.validation) {
    const first = fastify.validation[0];
    const where = `${fastify.validationContext ?? 'body'}${first?.instancePath ?? ''}`;
    const unknown = (first?.params as { additionalProperty?: unknown } | undefined)?.additionalProperty;
    if (typeof unknown === 'string') {
      return new PromptopsError('invalid_argument', `${where}: unknown field "${unknown}"`, {
        parameter: `${where}.${unknown}`,
      });
    }
    return new PromptopsError('invalid_argument', `${where}: ${first?.message ?? fastify.message}`, {
      parameter: where,
    });
  }
  if (fastify?.statusCode === 413) {
    return new PromptopsError('invalid_argument', 'the request body is larger than the server accepts', {
      parameter: 'body',
    });
  }
  if (fastify?.statusCode !== undefined && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return new PromptopsError('invalid_argument', fastify.message, { parameter: 'request' });
  }
  return new PromptopsError('internal', error instanceof Error ? error.message : String(error), {});
}
