import { type FailureKind, ProviderFailure, parseRetryAfter } from './provider-failure.ts';

/** Which call failed: every failure message names the provider and the model, never the key. */
export interface CallIdentity {
  provider: string;
  model: string;
  /** The key used for the call, scrubbed from any provider text quoted in a message. */
  apiKey?: string;
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * A ProviderFailure for one call. `detail` may quote the provider; the key is scrubbed from it (a
 * 401 body can echo part of the key, and a misconfigured proxy the whole of it).
 */
export function callFailure(
  call: CallIdentity,
  kind: FailureKind,
  detail: string,
  extra: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
): ProviderFailure {
  const text = call.apiKey ? detail.replaceAll(call.apiKey, '[api key]') : detail;
  const failure: ConstructorParameters<typeof ProviderFailure>[1] = { provider: call.provider, kind };
  if (extra.status !== undefined) failure.status = extra.status;
  if (extra.retryAfterMs !== undefined) failure.retryAfterMs = extra.retryAfterMs;
  const options = extra.cause === undefined ? undefined : { cause: extra.cause };
  return new ProviderFailure(`${call.provider} (model ${call.model}): ${text}`, failure, options);
}

/** Maps an HTTP error status to its failure kind: what the retry and fallback loop decides on. */
export function kindOfStatus(status: number): FailureKind {
  if (status === 429) return 'rate-limited';
  if (status === 401 || status === 403) return 'unauthorised';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'overloaded';
  if (status >= 400) return 'rejected';
  return 'bad-response';
}

const KIND_TEXT: Record<FailureKind, string> = {
  'rate-limited': 'rate limited',
  overloaded: 'overloaded or failing',
  timeout: 'timed out',
  connection: 'connection failed',
  'bad-response': 'unexpected response',
  'stream-cut': 'stream cut',
  rejected: 'request rejected',
  unauthorised: 'not authorised (check the API key)',
};

/** The failure for a non-2xx answer, with the provider's own error message and its Retry-After. */
export function failureFromStatus(
  call: CallIdentity,
  status: number,
  headers: Headers,
  body: string,
): ProviderFailure {
  const kind = kindOfStatus(status);
  const retryAfterMs = retryAfterOf(headers);
  const message = providerErrorMessage(body);
  const detail = `${KIND_TEXT[kind]} (HTTP ${status})${message ? `: ${message}` : ''}`;
  return callFailure(call, kind, detail, { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
}

/** OpenAI's own `retry-after-ms` first (what its SDK honours), then the standard header. */
function retryAfterOf(headers: Headers): number | undefined {
  const milliseconds = Number(headers['retry-after-ms']);
  if (Number.isFinite(milliseconds) && milliseconds >= 0 && headers['retry-after-ms'] !== undefined) {
    return Math.round(milliseconds);
  }
  return parseRetryAfter(headers['retry-after']);
}

/**
 * The error text of an error body in any of the shapes compatible servers use: OpenAI and Anthropic
 * `{ error: { message } }`, vLLM `{ message }`, Ollama and llama.cpp `{ error: "..." }`, or plain text.
 */
export function providerErrorMessage(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return truncate(body.trim());
  }
  const record = isRecord(parsed) ? parsed : {};
  const error = record.error;
  if (typeof error === 'string') return truncate(error);
  if (isRecord(error) && typeof error.message === 'string') return truncate(error.message);
  if (typeof record.message === 'string') return truncate(record.message);
  return truncate(body.trim());
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function truncate(text: string, length = 500): string {
  return text.length <= length ? text : `${text.slice(0, length)}…`;
}
