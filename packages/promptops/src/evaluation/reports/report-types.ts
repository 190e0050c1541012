import type { CaseResult, SuiteCase, SuiteKind } from '../eval-types.ts';
import type { SuiteThresholds, ThresholdFailure } from '../metrics/check-thresholds.ts';
import type { RunComparison } from '../metrics/compare-runs.ts';
import type { SuiteMetrics } from '../metrics/suite-metrics.ts';

/** Everything a report writer needs about one suite run. */
export interface SuiteReport {
  suite: string;
  /** The prompt (or fragment) under test. */
  target: string;
  /** The prompt version run; absent for a working-copy run. */
  version?: number;
  kind: SuiteKind;
  metrics: SuiteMetrics;
  /** The thresholds the suite set, so reports can tick the ones met; absent when none were set. */
  thresholds?: SuiteThresholds;
  thresholdFailures: ThresholdFailure[];
  results: CaseResult[];
  /**
   * Descriptions and sources of the cases, by id (`CaseResult` carries neither); a `SuiteCase[]`
   * fits. Cases missing here are shown by id alone.
   */
  cases?: readonly Pick<SuiteCase, 'id' | 'description' | 'source'>[];
  /** ISO 8601 time the run started. */
  startedAt: string;
  durationMs: number;
}

/** A comparison to show beside the reports, with names for its two sides. */
export interface ComparisonSection {
  comparison: RunComparison;
  /** What A and B were, e.g. `support/intent v3` and `v4`; default `A` and `B`. */
  labelA?: string;
  labelB?: string;
}
