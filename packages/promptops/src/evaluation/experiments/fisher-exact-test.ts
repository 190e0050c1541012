import { logChoose } from '../metrics/binomial-test.ts';

/**
 * Two-sided p-value of Fisher's exact test on a 2×2 table (control successes/failures, treatment
 * successes/failures): the probability, under fixed margins, of every table no more likely than the
 * one observed — R's `fisher.test` and SciPy's convention, with the same relative tolerance for
 * ties. Used for rates when an expected cell count is below 5, where the z-test's normal
 * approximation fails.
 *
 * @example fisherExactP(3, 1, 1, 3) // 0.4857
 */
export function fisherExactP(
  controlSuccesses: number,
  controlFailures: number,
  treatmentSuccesses: number,
  treatmentFailures: number,
): number {
  const controlN = controlSuccesses + controlFailures;
  const treatmentN = treatmentSuccesses + treatmentFailures;
  const successes = controlSuccesses + treatmentSuccesses;
  const total = controlN + treatmentN;
  const logDenominator = logChoose(total, successes);
  const logProbability = (k: number) =>
    logChoose(controlN, k) + logChoose(treatmentN, successes - k) - logDenominator;
  const observed = logProbability(controlSuccesses);
  const low = Math.max(0, successes - treatmentN);
  const high = Math.min(successes, controlN);
  let p = 0;
  for (let k = low; k <= high; k += 1) {
    const logP = logProbability(k);
    if (logP <= observed + 1e-7) p += Math.exp(logP);
  }
  return Math.min(1, p);
}
