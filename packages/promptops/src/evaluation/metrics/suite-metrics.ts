import type { CaseOutput, CaseResult } from '../eval-types.ts';
import { type ClassificationMetrics, classificationMetrics } from './classification-metrics.ts';
import { mean, percentile, sortAscending } from './distribution.ts';
import { guardTriggered, isFormatCompliant, leakedPii, wasEscalated } from './repeat-signals.ts';

export interface LatencyDistribution {
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  max: number;
}

/**
 * Cost over the repeats whose price was known. A repeat with `costUsd: null` is counted in
 * `unknownCount`, never as 0; when some are unknown, `total` is a lower bound. All fields are null
 * when no repeat had a known price.
 */
export interface CostDistribution {
  total: number | null;
  mean: number | null;
  p90: number | null;
  unknownCount: number;
}

export interface SuiteMetrics {
  cases: number;
  passed: number;
  /** Share of cases that passed; 0 for an empty suite (an empty suite proves nothing). */
  passRate: number;
  /** Runs observed: cases times their repeats. The rates below are shares of these. */
  repeats: number;
  /** Present when some case carries an expected class (see `classificationMetrics`). */
  classification?: ClassificationMetrics;
  /** Share of repeats not rejected by output validation (see `isFormatCompliant`). */
  formatCompliance: number;
  /** Share of repeats with a guard verdict other than `allow`, at either stage. */
  guardTriggerRate: number;
  /** Share of repeats with an output-stage `pii-leak` verdict. */
  piiLeakRate: number;
  /** Share of repeats whose status is `escalated`. */
  escalationRate: number;
  /** Milliseconds over all repeats; null when there were none. */
  latency: LatencyDistribution | null;
  cost: CostDistribution;
}

/**
 * The metrics of one suite run (issue "Metrics across a suite"). Rates are shares of repeats, not of
 * cases, so a flaky case that leaks PII in one run of five counts as that one run.
 *
 * @example
 * const metrics = suiteMetrics(results);
 * if (metrics.passRate < 0.9) console.log(`${metrics.cases - metrics.passed} cases failed`);
 */
export function suiteMetrics(results: readonly CaseResult[]): SuiteMetrics {
  const outputs = results.flatMap((result) => result.repeats.map((repeat) => repeat.output));
  const passed = results.filter((result) => result.pass).length;
  const classification = classificationMetrics(results);
  return {
    cases: results.length,
    passed,
    passRate: results.length === 0 ? 0 : passed / results.length,
    repeats: outputs.length,
    ...(classification ? { classification } : {}),
    formatCompliance: shareOf(outputs, isFormatCompliant),
    guardTriggerRate: shareOf(outputs, guardTriggered),
    piiLeakRate: shareOf(outputs, leakedPii),
    escalationRate: shareOf(outputs, wasEscalated),
    latency: latencyOf(outputs),
    cost: costOf(outputs),
  };
}

/** Share of outputs for which `signal` holds; 0 when there are no outputs. */
export function shareOf(outputs: readonly CaseOutput[], signal: (output: CaseOutput) => boolean): number {
  if (outputs.length === 0) return 0;
  return outputs.filter(signal).length / outputs.length;
}

function latencyOf(outputs: readonly CaseOutput[]): LatencyDistribution | null {
  const sorted = sortAscending(outputs.map((output) => output.latencyMs));
  if (sorted.length === 0) return null;
  return {
    p50: percentile(sorted, 0.5)!,
    p90: percentile(sorted, 0.9)!,
    p99: percentile(sorted, 0.99)!,
    mean: mean(sorted)!,
    max: sorted[sorted.length - 1]!,
  };
}

function costOf(outputs: readonly CaseOutput[]): CostDistribution {
  const known = sortAscending(
    outputs.map((output) => output.costUsd).filter((cost): cost is number => cost !== null),
  );
  const unknownCount = outputs.length - known.length;
  if (known.length === 0) return { total: null, mean: null, p90: null, unknownCount };
  return {
    total: known.reduce((total, cost) => total + cost, 0),
    mean: mean(known)!,
    p90: percentile(known, 0.9)!,
    unknownCount,
  };
}
