/**
 * The exact binomial test at p = 1/2, the arithmetic under McNemar's exact test and the sign test.
 * Coefficients are summed in log space so that hundreds of discordant pairs neither overflow
 * (C(1000, 500) ≈ 2.7e299) nor lose precision.
 */

/** ln C(n, k) as a sum of logs: exact enough for any n an eval suite reaches, no gamma function needed. */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return Number.NEGATIVE_INFINITY;
  const smaller = Math.min(k, n - k);
  let total = 0;
  for (let index = 1; index <= smaller; index += 1) total += Math.log((n - smaller + index) / index);
  return total;
}

/**
 * Two-sided exact p-value of seeing `successes` of `trials` under X ~ Binomial(trials, 1/2):
 * twice the smaller tail, capped at 1 (the distribution is symmetric, so this equals summing every
 * outcome no more likely than the one observed). 1 when there are no trials.
 *
 * @example binomialTwoSidedP(1, 10) // 0.021484375 = 2 × (1 + 10) / 1024
 */
export function binomialTwoSidedP(successes: number, trials: number): number {
  if (trials === 0) return 1;
  const tail = Math.min(successes, trials - successes);
  const logHalfPower = trials * Math.log(0.5);
  const logTerms: number[] = [];
  for (let count = 0; count <= tail; count += 1) logTerms.push(logChoose(trials, count) + logHalfPower);
  return Math.min(1, 2 * Math.exp(logSumExp(logTerms)));
}

/** ln Σ exp(x) without underflow: factor out the largest term. */
function logSumExp(values: readonly number[]): number {
  const largest = Math.max(...values);
  if (largest === Number.NEGATIVE_INFINITY) return largest;
  let total = 0;
  for (const value of values) total += Math.exp(value - largest);
  return largest + Math.log(total);
}
