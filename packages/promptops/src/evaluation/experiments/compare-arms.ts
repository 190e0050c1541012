import type { ArmFigureRow } from '../../store/index.ts';
import type { ArmComparison } from './arm-comparison.ts';
import { type ExperimentMetricName, METRIC_RULES } from './experiment-metrics.ts';
import { compareProportions } from './two-proportion-test.ts';
import { welchTTest } from './welch-t-test.ts';

/**
 * Compares the treatment arm with the control arm on one metric at level `alpha`: rates by
 * `compareProportions`, means by Welch's t-test. Undefined while an arm has too few samples for
 * the test (none for a rate, fewer than two for a mean).
 */
export function compareArms(
  metric: ExperimentMetricName,
  control: ArmFigureRow,
  treatment: ArmFigureRow,
  alpha: number,
): ArmComparison | undefined {
  if (METRIC_RULES[metric].kind === 'rate') {
    return compareProportions(
      { n: control.n, successes: control.successes ?? 0 },
      { n: treatment.n, successes: treatment.successes ?? 0 },
      alpha,
    );
  }
  if (control.mean === null || treatment.mean === null) return undefined;
  return welchTTest(
    { n: control.n, mean: control.mean, variance: control.variance ?? 0 },
    { n: treatment.n, mean: treatment.mean, variance: treatment.variance ?? 0 },
    alpha,
  );
}
