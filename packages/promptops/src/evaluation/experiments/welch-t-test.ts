import type { ArmComparison } from './arm-comparison.ts';
import { studentTQuantile, studentTTwoSidedP } from './student-t.ts';

/** A sample summarised: size, mean and sample variance (n − 1 denominator). */
export interface MeanSummary {
  n: number;
  mean: number;
  variance: number;
}

/**
 * Welch's unequal-variances t-test of treatment − control (Welch 1947), with the
 * Welch–Satterthwaite degrees of freedom and the matching 1 − alpha interval. Undefined below two
 * samples in an arm (no variance), and when both arms are constant (no spread at all): a t-test has
 * nothing to measure the difference against, and p = 0 there let a guardrail fire on two samples.
 *
 * @example welchTTest({ n: 7, mean: 13.27, variance: 1.37 }, { n: 8, mean: 15.34, variance: 1.13 }, 0.05)
 */
export function welchTTest(
  control: MeanSummary,
  treatment: MeanSummary,
  alpha: number,
): ArmComparison | undefined {
  if (control.n < 2 || treatment.n < 2) return undefined;
  const difference = treatment.mean - control.mean;
  const confidence = 1 - alpha;
  const controlShare = control.variance / control.n;
  const treatmentShare = treatment.variance / treatment.n;
  const squaredError = controlShare + treatmentShare;
  if (squaredError === 0) return undefined;
  const standardError = Math.sqrt(squaredError);
  const degreesOfFreedom =
    squaredError ** 2 / (controlShare ** 2 / (control.n - 1) + treatmentShare ** 2 / (treatment.n - 1));
  const statistic = difference / standardError;
  const margin = studentTQuantile(1 - alpha / 2, degreesOfFreedom) * standardError;
  return {
    test: 'welch-t',
    difference,
    interval: { lower: difference - margin, upper: difference + margin, confidence },
    pValue: studentTTwoSidedP(statistic, degreesOfFreedom),
    statistic,
    degreesOfFreedom,
  };
}
