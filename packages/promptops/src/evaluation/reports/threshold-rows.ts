import { THRESHOLD_RULES, type ThresholdName } from '../metrics/check-thresholds.ts';
import { formatPercent } from './format-values.ts';
import type { SuiteReport } from './report-types.ts';

export interface ThresholdRow {
  threshold: ThresholdName;
  met: boolean;
  /** `pass rate ≥ 90.0% (measured 95.0%)`, or the failure's own message. */
  text: string;
}

/**
 * One row per threshold the suite set, met or not, in `THRESHOLD_RULES` order. Failures whose
 * threshold is missing from `report.thresholds` are still listed: a failure is never hidden.
 */
export function thresholdRows(
  report: Pick<SuiteReport, 'thresholds' | 'thresholdFailures' | 'metrics'>,
): ThresholdRow[] {
  const failures = new Map(report.thresholdFailures.map((failure) => [failure.threshold, failure]));
  const names = Object.keys(THRESHOLD_RULES) as ThresholdName[];
  return names.flatMap((threshold): ThresholdRow[] => {
    const failure = failures.get(threshold);
    if (failure) return [{ threshold, met: false, text: failure.message }];
    const limit = report.thresholds?.[threshold];
    if (limit === undefined) return [];
    const rule = THRESHOLD_RULES[threshold];
    const actual = rule.measure(report.metrics);
    const measured = actual === null ? '' : ` (measured ${formatPercent(actual)})`;
    return [
      {
        threshold,
        met: true,
        text: `${rule.label} ${rule.bound === 'min' ? '≥' : '≤'} ${formatPercent(limit)}${measured}`,
      },
    ];
  });
}
