export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** A Retry-After longer than this is not waited for: the next model in the chain is tried. */
  maxRetryAfterMs?: number;
  random?: () => number;
}

/**
 * Exponential backoff with full jitter (the AWS architecture blog's recommendation), never shorter
 * than what the provider asked for in Retry-After. Returns null when the provider asks for a wait
 * longer than we are willing to make the caller sit through.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions = {},
): number | null {
  const base = options.baseMs ?? 250;
  const max = options.maxMs ?? 8_000;
  const random = options.random ?? Math.random;
  if (retryAfterMs !== undefined && retryAfterMs > (options.maxRetryAfterMs ?? 20_000)) return null;
  const exponential = Math.min(max, base * 2 ** attempt);
  const jittered = Math.round(random() * exponential);
  return Math.max(jittered, retryAfterMs ?? 0);
}
