import { type CallIdentity, callFailure, isRecord } from './call-failure.ts';
import { ProviderFailure } from './provider-failure.ts';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const ABORT_NAMES = new Set(['AbortError', 'TimeoutError']);

/**
 * The failure for an error thrown by the HTTP layer (undici or fetch) rather than answered by the
 * provider: timeouts and aborts are `timeout`; a connection that drops while an answer streams is
 * `stream-cut`; anything else on the way there (refused, reset, DNS, TLS) is `connection`.
 */
export function transportFailure(
  call: CallIdentity,
  error: unknown,
  signal: AbortSignal | undefined,
  phase: 'request' | 'stream',
): ProviderFailure {
  if (ProviderFailure.isFailure(error)) return error;
  const code = errorCode(error);
  const name = error instanceof Error ? error.name : '';
  if (signal?.aborted || ABORT_NAMES.has(name) || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') {
    return callFailure(call, 'timeout', 'the call was aborted (total timeout or cancellation)', {
      cause: error,
    });
  }
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return callFailure(call, 'timeout', `${describe(code)} (${code})`, { cause: error });
  }
  if (phase === 'stream') {
    return callFailure(call, 'stream-cut', `the connection dropped mid-stream (${code ?? name})`, {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return callFailure(call, 'connection', `${message}${code ? ` (${code})` : ''}`, { cause: error });
}

function describe(code: string): string {
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return 'no response within the timeout';
  if (code === 'UND_ERR_BODY_TIMEOUT') return 'the response stalled for longer than the timeout';
  return 'could not connect within the timeout';
}

/** Node puts the system code (ECONNREFUSED) on the error or, for fetch and AggregateError, inside it. */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; isRecord(current) && depth < 4; depth += 1) {
    if (typeof current.code === 'string') return current.code;
    const inner = Array.isArray(current.errors) ? current.errors[0] : undefined;
    current = current.cause ?? inner;
  }
  return undefined;
}
