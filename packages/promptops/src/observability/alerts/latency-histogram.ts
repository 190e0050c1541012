/**
 * Log-spaced latency buckets for quantiles in constant memory: bucket k holds runs that took
 * (1.5^(k-1), 1.5^k] ms, from 1 ms to about 23 minutes; a quantile is interpolated inside its
 * bucket (so within a factor 1.5 at worst) and capped at the slowest run seen.
 */
const RATIO = 1.5;
export const LATENCY_BUCKETS = 36;
const LOG_RATIO = Math.log(RATIO);

export function latencyBucket(latencyMs: number): number {
  if (!(latencyMs > 1)) return 0;
  return Math.min(LATENCY_BUCKETS - 1, Math.ceil(Math.log(latencyMs) / LOG_RATIO));
}

const upperBound = (bucket: number) => RATIO ** bucket;
const lowerBound = (bucket: number) => (bucket === 0 ? 0 : RATIO ** (bucket - 1));

/** The q-quantile (0 < q ≤ 1) of `total` runs whose bucket counts are `counts`. */
export function latencyQuantile(counts: ArrayLike<number>, total: number, q: number, maxMs: number): number {
  const rank = Math.max(1, Math.ceil(q * total));
  let before = 0;
  for (let bucket = 0; bucket < LATENCY_BUCKETS; bucket += 1) {
    const count = counts[bucket] ?? 0;
    if (count > 0 && before + count >= rank) {
      const lower = lowerBound(bucket);
      const upper = Math.min(upperBound(bucket), maxMs);
      return Math.max(lower, lower + ((rank - before) / count) * (upper - lower));
    }
    before += count;
  }
  return maxMs;
}
