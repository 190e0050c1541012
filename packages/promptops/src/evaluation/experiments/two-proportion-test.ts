import { twoSidedNormalP } from '../metrics/normal-distribution.ts';
import type { ArmComparison } from './arm-comparison.ts';
import { fisherExactP } from './fisher-exact-test.ts';
import { normalQuantile } from './normal-quantile.ts';

/** `successes` of `n` (failed runs, escalations, passing samples…). */
export interface ProportionSummary {
  n: number;
  successes: number;
}

/** Wilson score interval of one proportion at normal quantile `z` (Wilson 1927). */
function wilson(summary: ProportionSummary, z: number): { lower: number; upper: number } {
  const { n } = summary;
  const p = summary.successes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return { lower: centre - half, upper: centre + half };
}

/**
 * Compares two rates, treatment − control. The p-value is the pooled two-proportion z-test, or
 * Fisher's exact test when an expected cell count is below 5 (small samples or rare events, such
 * as a 1% error rate). The interval is Newcombe's hybrid score interval (Newcombe 1998, method 10),
 * which keeps its coverage near 0 and 1 where the Wald interval does not. Undefined when an arm is
 * empty.
 *
 * @example compareProportions({ n: 100, successes: 45 }, { n: 100, successes: 60 }, 0.05) // p 0.0337, CI 0.0117 to 0.2804
 */
export function compareProportions(
  control: ProportionSummary,
  treatment: ProportionSummary,
  alpha: number,
): ArmComparison | undefined {
  if (control.n === 0 || treatment.n === 0) return undefined;
  const controlRate = control.successes / control.n;
  const treatmentRate = treatment.successes / treatment.n;
  const difference = treatmentRate - controlRate;
  const z = normalQuantile(1 - alpha / 2);
  const c = wilson(control, z);
  const t = wilson(treatment, z);
  const interval = {
    lower: difference - Math.sqrt((treatmentRate - t.lower) ** 2 + (c.upper - controlRate) ** 2),
    upper: difference + Math.sqrt((t.upper - treatmentRate) ** 2 + (controlRate - c.lower) ** 2),
    confidence: 1 - alpha,
  };
  const pooled = (control.successes + treatment.successes) / (control.n + treatment.n);
  const smallestExpected = Math.min(control.n, treatment.n) * Math.min(pooled, 1 - pooled);
  if (smallestExpected < 5) {
    return {
      test: 'fisher-exact',
      difference,
      interval,
      pValue: fisherExactP(
        control.successes,
        control.n - control.successes,
        treatment.successes,
        treatment.n - treatment.successes,
      ),
    };
  }
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / control.n + 1 / treatment.n));
  const statistic = difference / standardError;
  return { test: 'two-proportion-z', difference, interval, pValue: twoSidedNormalP(statistic), statistic };
}
