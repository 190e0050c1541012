/** The outcome of a paired test on per-case differences (B minus A). */
export interface PairedTestResult {
  method: 'wilcoxon-signed-rank' | 'sign-test';
  /** Pairs with a non-zero difference: the ones the test uses. */
  n: number;
  /** Wilcoxon: W+, the sum of the ranks of positive differences. Sign test: the count of positive differences. */
  statistic: number;
  /** The standard normal statistic (Wilcoxon only). */
  z?: number;
  /** Two-sided p-value. */
  pValue: number;
}

/**
 * Differences this close to 0 are ties with 0: per-case means of equal runs can differ by float
 * noise (0.1 + 0.2 - 0.3), and that must not read as an effect.
 */
export const ZERO_TOLERANCE = 1e-12;

/** The differences a signed test uses: non-zero ones. */
export const nonZero = (differences: readonly number[]): number[] =>
  differences.filter((difference) => Math.abs(difference) > ZERO_TOLERANCE);
