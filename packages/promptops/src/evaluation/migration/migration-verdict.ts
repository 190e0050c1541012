import type { CaseMetricName, RunComparison } from '../metrics/index.ts';
import type { SuiteReport } from '../reports/index.ts';

/**
 * What a model migration check concludes for a suite (issue 10, item 5): `regressions` when the
 * candidate is significantly worse on the pass rate, the class rate or a quality metric; `safe`
 * when no case regressed and nothing is significantly worse; `inconclusive` when some cases
 * regressed but too few to call (four out of four is p = 0.125).
 */
export type MigrationVerdict = 'safe' | 'regressions' | 'inconclusive';

/** The per-case metrics that judge quality; latency and cost are reported, not judged. */
const QUALITY_METRICS: readonly CaseMetricName[] = [
  'score',
  'format_compliance',
  'guard_trigger_rate',
  'pii_leak_rate',
  'escalation_rate',
];

export function migrationVerdict(comparison: RunComparison): MigrationVerdict {
  const worse = (share: { significant: boolean; difference: number } | undefined) =>
    share?.significant === true && share.difference < 0;
  const metricWorse = comparison.metrics.some(
    (metric) =>
      QUALITY_METRICS.includes(metric.metric) &&
      metric.significant &&
      metric.meanDifference !== null &&
      (metric.better === 'higher' ? metric.meanDifference < 0 : metric.meanDifference > 0),
  );
  if (worse(comparison.passRate) || worse(comparison.classification) || metricWorse) return 'regressions';
  return comparison.regressions.length > 0 ? 'inconclusive' : 'safe';
}

const SEVERITY: Record<MigrationVerdict, number> = { safe: 0, inconclusive: 1, regressions: 2 };

/** The worst of several verdicts (a prompt's over its suites); `safe` for none. */
export function worstVerdict(verdicts: readonly MigrationVerdict[]): MigrationVerdict {
  return verdicts.reduce<MigrationVerdict>(
    (worst, verdict) => (SEVERITY[verdict] > SEVERITY[worst] ? verdict : worst),
    'safe',
  );
}

/** What one side of a migration check cost and how fast it answered. */
export interface SideFigures {
  passRate: number;
  /** USD over the repeats whose price was known (usage × the model catalog's price on the day). */
  costUsd: number | null;
  /** Repeats whose price was unknown: with any, `costUsd` is a lower bound. */
  unpriced: number;
  p50LatencyMs: number | null;
  p99LatencyMs: number | null;
}

export function sideFigures(report: SuiteReport): SideFigures {
  const { metrics } = report;
  return {
    passRate: metrics.passRate,
    costUsd: metrics.cost.total,
    unpriced: metrics.cost.unknownCount,
    p50LatencyMs: metrics.latency?.p50 ?? null,
    p99LatencyMs: metrics.latency?.p99 ?? null,
  };
}
