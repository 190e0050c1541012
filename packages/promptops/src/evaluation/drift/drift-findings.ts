import type { CaseResult } from '../eval-types.ts';
import { compareRuns } from '../metrics/index.ts';
import type { SuiteMetrics } from '../metrics/suite-metrics.ts';

/** The figures a drift check compares, as `promptops test` records them in `details`. */
const WATCHED = ['passRate', 'accuracy', 'macroF1', 'formatCompliance'] as const;
export type WatchedMetric = (typeof WATCHED)[number];

/** One figure that fell by more than the policy's `drop`. */
export interface DriftDrop {
  metric: WatchedMetric;
  before: number;
  after: number;
  /** before − after, as a share (0.25 = 25 points). */
  fall: number;
}

/** What a re-run found against the previous result of the same suite and version. */
export interface DriftFindings {
  drops: DriftDrop[];
  /** Cases that passed before and fail now, with why (from the recorded per-case results). */
  regressions: { caseId: string; reason?: string }[];
  /** McNemar's exact p on the pass rate over the paired cases, when both runs kept their cases. */
  pValue?: number;
  paired?: number;
}

/** The watched figures of a stored result's `details` (numbers only; others are not compared). */
export function watchedFigures(details: unknown, passRate: number): Partial<Record<WatchedMetric, number>> {
  const figures: Partial<Record<WatchedMetric, number>> = { passRate };
  if (typeof details !== 'object' || details === null) return figures;
  for (const metric of WATCHED) {
    const value = (details as Record<string, unknown>)[metric];
    if (metric !== 'passRate' && typeof value === 'number' && Number.isFinite(value)) figures[metric] = value;
  }
  return figures;
}

/** The watched figures of a run just made. */
export function figuresOf(metrics: SuiteMetrics): Partial<Record<WatchedMetric, number>> {
  return {
    passRate: metrics.passRate,
    formatCompliance: metrics.formatCompliance,
    ...(metrics.classification && {
      accuracy: metrics.classification.accuracy,
      macroF1: metrics.classification.macroF1,
    }),
  };
}

/**
 * The figures that fell by more than `drop` (strictly: a fall of exactly `drop` is within it), and
 * the per-case picture from compare's statistics when the previous result kept its cases.
 *
 * @example
 * driftFindings({ passRate: 1 }, { passRate: 0.75 }, 0.05).drops
 * // [{ metric: 'passRate', before: 1, after: 0.75, fall: 0.25 }]
 */
export function driftFindings(
  before: Partial<Record<WatchedMetric, number>>,
  after: Partial<Record<WatchedMetric, number>>,
  drop: number,
  cases?: { before: readonly CaseResult[]; after: readonly CaseResult[] },
): DriftFindings {
  const drops: DriftDrop[] = [];
  for (const metric of WATCHED) {
    const previous = before[metric];
    const current = after[metric];
    if (previous === undefined || current === undefined) continue;
    // Rounded to a millionth so float noise (0.7999999) never decides an alert.
    const fall = Math.round((previous - current) * 1e6) / 1e6;
    if (fall > drop) drops.push({ metric, before: previous, after: current, fall });
  }
  if (!cases) return { drops, regressions: [] };
  const comparison = compareRuns(cases.before, cases.after, { metrics: [] });
  return {
    drops,
    regressions: comparison.regressions.map((change) => ({
      caseId: change.caseId,
      ...(change.reason !== undefined && { reason: change.reason }),
    })),
    pValue: comparison.passRate.test.pValue,
    paired: comparison.paired,
  };
}
