import type { CaseResult } from '../eval-types.ts';
import type { BootstrapOptions } from './bootstrap-mean.ts';
import type { CaseMetricName } from './case-metrics.ts';
import { CASE_METRICS } from './case-metrics.ts';
import { compareMetric, type MetricComparison } from './compare-metric.ts';
import { proportionVerdict } from './comparison-verdict.ts';
import { firstFailureReason } from './failure-reasons.ts';
import { type McNemarResult, mcnemarExact } from './mcnemar-test.ts';

/** A case whose outcome flipped between the runs. */
export interface CaseChange {
  caseId: string;
  /** Mean repeat score in each run. */
  scoreA: number;
  scoreB: number;
  /** Why the failing side failed (B for a regression, A for an improvement). */
  reason?: string;
}

/** A paired difference in a share, tested with McNemar's exact test. */
export interface ProportionComparison {
  /** Paired cases the shares are taken over. */
  cases: number;
  a: number;
  b: number;
  /** b − a, as a share (0.125 = 12.5 points). */
  difference: number;
  test: McNemarResult;
  significant: boolean;
  verdict: string;
}

export interface RunComparison {
  /** Cases present in both runs; every statistic below is over these. */
  paired: number;
  /** Passed in A, failed in B. */
  regressions: CaseChange[];
  /** Failed in A, passed in B. */
  improvements: CaseChange[];
  /** Ids of paired cases with the same outcome in both. */
  unchanged: string[];
  onlyInA: string[];
  onlyInB: string[];
  passRate: ProportionComparison;
  /** Correct-class rate, when both runs classified some paired case with an expected class. */
  classification?: ProportionComparison;
  metrics: MetricComparison[];
  /** The significance level the verdicts use. */
  alpha: number;
}

export interface CompareRunsOptions {
  /** Significance level; default 0.05. */
  alpha?: number;
  /** Which per-case metrics to compare; default all of `CASE_METRICS`. */
  metrics?: readonly CaseMetricName[];
  bootstrap?: BootstrapOptions;
}

/**
 * Compares two runs of the same suite (two versions, or two models), pairing cases by `caseId`:
 * per-case regressions and improvements, McNemar's exact test on the pass rate (and on the correct
 * class rate for classifiers), and a paired test with a bootstrap interval on each per-case metric.
 * Throws on a duplicate case id in either run: pairing would be ambiguous, and the runner never
 * produces one.
 *
 * @example
 * const comparison = compareRuns(resultsForVersion3, resultsForVersion4);
 * comparison.passRate.verdict // 'B passes more cases (+12.5 points); p = 0.021, significant at 0.05'
 */
export function compareRuns(
  a: readonly CaseResult[],
  b: readonly CaseResult[],
  options: CompareRunsOptions = {},
): RunComparison {
  const alpha = options.alpha ?? 0.05;
  const byIdA = indexById(a, 'A');
  const byIdB = indexById(b, 'B');
  const pairs: [CaseResult, CaseResult][] = [];
  for (const [caseId, resultA] of byIdA) {
    const resultB = byIdB.get(caseId);
    if (resultB) pairs.push([resultA, resultB]);
  }
  const regressions: CaseChange[] = [];
  const improvements: CaseChange[] = [];
  const unchanged: string[] = [];
  for (const [resultA, resultB] of pairs) {
    if (resultA.pass === resultB.pass) unchanged.push(resultA.caseId);
    else if (resultA.pass) regressions.push(change(resultA, resultB, firstFailureReason(resultB)));
    else improvements.push(change(resultA, resultB, firstFailureReason(resultA)));
  }
  const passRate = compareProportion(
    pairs.map(([resultA, resultB]) => [resultA.pass, resultB.pass]),
    alpha,
    { more: 'B passes more cases', fewer: 'B passes fewer cases' },
  );
  const classified = pairs.filter(
    ([resultA, resultB]) => resultA.expectedClass !== undefined && resultB.expectedClass !== undefined,
  );
  const classification =
    classified.length > 0
      ? compareProportion(
          classified.map(([resultA, resultB]) => [isCorrect(resultA), isCorrect(resultB)]),
          alpha,
          { more: 'B classifies more cases correctly', fewer: 'B classifies fewer cases correctly' },
        )
      : undefined;
  const metricNames = options.metrics ?? (Object.keys(CASE_METRICS) as CaseMetricName[]);
  return {
    paired: pairs.length,
    regressions,
    improvements,
    unchanged,
    onlyInA: a.filter((result) => !byIdB.has(result.caseId)).map((result) => result.caseId),
    onlyInB: b.filter((result) => !byIdA.has(result.caseId)).map((result) => result.caseId),
    passRate,
    ...(classification ? { classification } : {}),
    metrics: metricNames.map((metric) =>
      compareMetric(metric, pairs, { alpha, ...(options.bootstrap ? { bootstrap: options.bootstrap } : {}) }),
    ),
    alpha,
  };
}

function compareProportion(
  outcomes: readonly (readonly [boolean, boolean])[],
  alpha: number,
  phrases: { more: string; fewer: string },
): ProportionComparison {
  const cases = outcomes.length;
  const countA = outcomes.filter(([outcomeA]) => outcomeA).length;
  const countB = outcomes.filter(([, outcomeB]) => outcomeB).length;
  const aOnly = outcomes.filter(([outcomeA, outcomeB]) => outcomeA && !outcomeB).length;
  const bOnly = outcomes.filter(([outcomeA, outcomeB]) => !outcomeA && outcomeB).length;
  const test = mcnemarExact(aOnly, bOnly);
  const shareA = cases === 0 ? 0 : countA / cases;
  const shareB = cases === 0 ? 0 : countB / cases;
  const difference = shareB - shareA;
  const significant = test.pValue < alpha;
  return {
    cases,
    a: shareA,
    b: shareB,
    difference,
    test,
    significant,
    verdict: proportionVerdict({ difference, pValue: test.pValue, alpha, ...phrases }),
  };
}

function indexById(results: readonly CaseResult[], side: 'A' | 'B'): Map<string, CaseResult> {
  const byId = new Map<string, CaseResult>();
  for (const result of results) {
    if (byId.has(result.caseId))
      throw new Error(`compareRuns: case id "${result.caseId}" appears twice in run ${side}`);
    byId.set(result.caseId, result);
  }
  return byId;
}

const isCorrect = (result: CaseResult): boolean =>
  result.predictedClass !== undefined && result.predictedClass === result.expectedClass;

const meanScore = (result: CaseResult): number =>
  result.repeats.length === 0
    ? 0
    : result.repeats.reduce((total, repeat) => total + repeat.score, 0) / result.repeats.length;

function change(resultA: CaseResult, resultB: CaseResult, reason: string | undefined): CaseChange {
  return {
    caseId: resultA.caseId,
    scoreA: meanScore(resultA),
    scoreB: meanScore(resultB),
    ...(reason !== undefined ? { reason } : {}),
  };
}
