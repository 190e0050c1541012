import { type CallIdentity, callFailure, failureFromStatus, isRecord } from './call-failure.ts';
import type { FailureKind, ProviderFailure } from './provider-failure.ts';
import { transportFailure } from './transport-failure.ts';

/** AI SDK error names (`AISDKError.name`, https://ai-sdk.dev/docs/reference/ai-sdk-errors) by kind. */
const KIND_BY_NAME: Record<string, FailureKind> = {
  AI_LoadAPIKeyError: 'unauthorised',
  AI_LoadSettingError: 'rejected',
  AI_InvalidPromptError: 'rejected',
  AI_InvalidArgumentError: 'rejected',
  AI_UnsupportedFunctionalityError: 'rejected',
  AI_NoSuchModelError: 'rejected',
  AI_JSONParseError: 'bad-response',
  AI_TypeValidationError: 'bad-response',
  AI_InvalidResponseDataError: 'bad-response',
  AI_EmptyResponseBodyError: 'bad-response',
  AI_NoContentGeneratedError: 'bad-response',
};

/**
 * The failure for an error an AI SDK language model threw (or streamed as an `error` part). An
 * `APICallError` carries the HTTP status and headers, and goes through the same status table as the
 * HTTP adapters; one without a status could not reach the API. Errors are recognised by `name` and
 * shape, not `instanceof`, since the package is not a dependency.
 */
export function aiSdkFailure(
  call: CallIdentity,
  error: unknown,
  signal: AbortSignal | undefined,
  phase: 'request' | 'stream',
): ProviderFailure {
  const record = isRecord(error) ? error : {};
  const name = typeof record.name === 'string' ? record.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (!signal?.aborted && typeof record.statusCode === 'number') {
    const headers = isRecord(record.responseHeaders)
      ? (record.responseHeaders as Record<string, string>)
      : {};
    const body =
      typeof record.responseBody === 'string' && record.responseBody ? record.responseBody : message;
    return failureFromStatus(call, record.statusCode, headers, body);
  }
  const kind = KIND_BY_NAME[name];
  if (kind && !signal?.aborted) return callFailure(call, kind, `${name}: ${message}`, { cause: error });
  // Aborts, timeouts, network errors (an APICallError without a status wraps fetch's): as over HTTP.
  // Anything else while the answer streams means the stream broke off.
  return transportFailure(call, name === 'AI_APICallError' ? (record.cause ?? error) : error, signal, phase);
}
