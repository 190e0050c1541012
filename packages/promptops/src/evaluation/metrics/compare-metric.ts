import type { CaseResult } from '../eval-types.ts';
import { type BootstrapOptions, bootstrapMeanInterval, type ConfidenceInterval } from './bootstrap-mean.ts';
import { CASE_METRICS, type CaseMetricName } from './case-metrics.ts';
import { formatPValue, signed, significanceClause } from './comparison-verdict.ts';
import { mean } from './distribution.ts';
import { pairedTest } from './paired-test.ts';
import type { PairedTestResult } from './paired-test-result.ts';

export interface MetricComparison {
  metric: CaseMetricName;
  label: string;
  better: 'higher' | 'lower';
  /** Cases with a value in both runs. */
  pairs: number;
  /** Paired cases left out because a value was unknown on either side (e.g. a missing price). */
  excluded: number;
  meanA: number | null;
  meanB: number | null;
  /** Mean of the per-case differences, B minus A. */
  meanDifference: number | null;
  /** Null when there are no pairs. */
  test: PairedTestResult | null;
  /** Bootstrap interval of the mean difference (B minus A). */
  interval: ConfidenceInterval | null;
  significant: boolean;
  verdict: string;
}

/**
 * Pairs one per-case metric across two runs and tests the differences: Wilcoxon signed-rank (sign
 * test below ten non-zero pairs) for the p-value, a seeded bootstrap for the interval of the mean.
 * Direction ("better"/"worse") follows the test's statistic, since that is what is significant.
 */
export function compareMetric(
  metric: CaseMetricName,
  pairs: readonly (readonly [CaseResult, CaseResult])[],
  options: { alpha: number; bootstrap?: BootstrapOptions },
): MetricComparison {
  const definition = CASE_METRICS[metric];
  const values: [number, number][] = [];
  for (const [a, b] of pairs) {
    const valueA = definition.measure(a);
    const valueB = definition.measure(b);
    if (valueA !== null && valueB !== null) values.push([valueA, valueB]);
  }
  const base = { metric, label: definition.label, better: definition.better };
  const excluded = pairs.length - values.length;
  if (values.length === 0) {
    return {
      ...base,
      pairs: 0,
      excluded,
      meanA: null,
      meanB: null,
      meanDifference: null,
      test: null,
      interval: null,
      significant: false,
      verdict: `not compared: no case has a known ${definition.label} in both runs`,
    };
  }
  const differences = values.map(([valueA, valueB]) => valueB - valueA);
  const test = pairedTest(differences);
  const interval = bootstrapMeanInterval(differences, options.bootstrap)!;
  const meanDifference = mean(differences)!;
  const significant = test.pValue < options.alpha;
  const higher = test.method === 'wilcoxon-signed-rank' ? test.z! > 0 : test.statistic * 2 > test.n;
  const improved = higher === (definition.better === 'higher');
  const format = (value: number) => signed(value, definition.format);
  const verdict = significant
    ? `B is ${improved ? 'better' : 'worse'} on ${definition.label} (${format(meanDifference)} mean; ` +
      `${Math.round(interval.confidence * 100)}% CI ${format(interval.lower)} to ${format(interval.upper)}); ` +
      significanceClause(test.pValue, options.alpha)
    : `no significant difference in ${definition.label} (${formatPValue(test.pValue)})`;
  return {
    ...base,
    pairs: values.length,
    excluded,
    meanA: mean(values.map(([valueA]) => valueA))!,
    meanB: mean(values.map(([, valueB]) => valueB))!,
    meanDifference,
    test,
    interval,
    significant,
    verdict,
  };
}
