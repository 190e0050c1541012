import { percentile, sortAscending } from './distribution.ts';
import { seededRandom } from './seeded-random.ts';

export interface BootstrapOptions {
  /** Resamples drawn; default 2000. */
  resamples?: number;
  /** Interval coverage; default 0.95. */
  confidence?: number;
  /** PRNG seed; default 1, so the same data always give the same interval. */
  seed?: number;
}

export interface ConfidenceInterval {
  confidence: number;
  lower: number;
  upper: number;
  resamples: number;
}

/**
 * Percentile-bootstrap confidence interval of the mean of `values` (Efron & Tibshirani, An
 * Introduction to the Bootstrap, 1993, chapter 13): resample with replacement, take the mean of each
 * resample, report the middle `confidence` share of those means. Deterministic for a given seed.
 * Undefined for an empty list.
 *
 * @example bootstrapMeanInterval([0.1, 0.3, -0.05, 0.2]) // { confidence: 0.95, lower, upper, resamples: 2000 }
 */
export function bootstrapMeanInterval(
  values: readonly number[],
  options: BootstrapOptions = {},
): ConfidenceInterval | undefined {
  if (values.length === 0) return undefined;
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const random = seededRandom(options.seed ?? 1);
  const means: number[] = [];
  for (let draw = 0; draw < resamples; draw += 1) {
    let total = 0;
    for (let index = 0; index < values.length; index += 1) {
      total += values[Math.floor(random() * values.length)]!;
    }
    means.push(total / values.length);
  }
  const sorted = sortAscending(means);
  const tail = (1 - confidence) / 2;
  // A constant sample has one possible mean; skip the float noise of resummed copies.
  const constant = values.every((value) => value === values[0]);
  return {
    confidence,
    lower: constant ? values[0]! : percentile(sorted, tail)!,
    upper: constant ? values[0]! : percentile(sorted, 1 - tail)!,
    resamples,
  };
}
