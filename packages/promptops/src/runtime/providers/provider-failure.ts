import { PromptopsError } from '../../errors/index.ts';

/** Why a provider call failed, as the retry and fallback logic needs to know it. */
export type FailureKind =
  | 'rate-limited' // 429
  | 'overloaded' // 5xx, 529
  | 'timeout' // total or first-token timeout
  | 'connection' // refused, reset, DNS
  | 'bad-response' // malformed JSON, missing fields
  | 'stream-cut' // the stream ended without a finish
  | 'rejected' // 4xx other than 429: our request is wrong, retrying will not help
  | 'unauthorised'; // 401/403: the key is wrong or missing

const RETRYABLE: Record<FailureKind, boolean> = {
  'rate-limited': true,
  overloaded: true,
  timeout: true,
  connection: true,
  'bad-response': true,
  'stream-cut': true,
  rejected: false,
  unauthorised: false,
};

export interface ProviderFailureDetails {
  provider: string;
  kind: FailureKind;
  status?: number;
  /** From Retry-After (seconds or HTTP date) or the provider's own hint, in milliseconds. */
  retryAfterMs?: number;
}

/**
 * A failed provider call. Thrown by adapters, caught by the runtime's retry/fallback loop, which
 * turns what remains into a `failed` result: callers of `runtime.run` get a value, not this.
 */
export class ProviderFailure extends PromptopsError {
  readonly failure: ProviderFailureDetails;

  constructor(message: string, failure: ProviderFailureDetails, options?: { cause?: unknown }) {
    super(
      failure.kind === 'timeout' ? 'provider_timeout' : 'provider_error',
      message,
      { ...failure },
      options,
    );
    this.name = 'ProviderFailure';
    this.failure = failure;
  }

  get retryable(): boolean {
    return RETRYABLE[this.failure.kind];
  }

  static isFailure(value: unknown): value is ProviderFailure {
    return PromptopsError.isInstance(value) && typeof (value as ProviderFailure).failure?.kind === 'string';
  }
}

/** Parses Retry-After: delay-seconds or an HTTP date. */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
