import type { ClientErrorCode } from './error-codes.ts';

const MARKER = Symbol.for('promptops.client.error');

export interface ClientErrorInit {
  /** The HTTP status, or null when no answer came (network, timeout, abort). */
  status?: number | null;
  details?: Record<string, unknown>;
  /** The server's request id (`x-request-id`), to find the request in its logs. */
  requestId?: string | null;
  cause?: unknown;
}

/**
 * The one error the client throws: the server's error envelope (`{ error: { code, message, details } }`)
 * with its HTTP status, or a failure the client detected itself (`network_error`, `timeout`, `aborted`,
 * `unexpected_response`). A code newer than this client is passed through as the server sent it.
 *
 * @example
 * try {
 *   await client.run('support/classify-intent', { variables: {} });
 * } catch (error) {
 *   if (PromptopsClientError.isInstance(error) && error.code === 'variable_invalid') console.warn(error.message);
 *   else throw error;
 * }
 */
export class PromptopsClientError extends Error {
  readonly [MARKER] = true;
  readonly code: ClientErrorCode;
  readonly status: number | null;
  readonly details: Record<string, unknown>;
  readonly requestId: string | null;

  constructor(code: ClientErrorCode, message: string, init: ClientErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'PromptopsClientError';
    this.code = code;
    this.status = init.status ?? null;
    this.details = init.details ?? {};
    this.requestId = init.requestId ?? null;
  }

  /** The run's id when the error is a failed run (the server sends it in `details`). */
  get runId(): string | undefined {
    return typeof this.details.runId === 'string' ? this.details.runId : undefined;
  }

  /** True for this class, also across duplicate copies of the package (which break `instanceof`). */
  static isInstance(error: unknown): error is PromptopsClientError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}

/**
 * True when the server is down or failing rather than answering: no answer, a timeout, a 5xx, or a
 * non-API answer. Only these fall back to a cached prompt; a 4xx is the server's word and is thrown.
 */
export function isServerUnavailable(error: PromptopsClientError): boolean {
  return (
    error.code === 'network_error' ||
    error.code === 'timeout' ||
    error.code === 'unexpected_response' ||
    (error.status !== null && error.status >= 500)
  );
}
