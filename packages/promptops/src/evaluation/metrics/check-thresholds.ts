import type { SuiteMetrics } from './suite-metrics.ts';

/**
 * A suite's thresholds as its file writes them (snake_case). Minimums are shares 0..1; the
 * `*_rate_max` keys are maximums.
 */
export interface SuiteThresholds {
  pass_rate?: number;
  accuracy?: number;
  macro_f1?: number;
  format_compliance?: number;
  guard_trigger_rate_max?: number;
  pii_leak_rate_max?: number;
  escalation_rate_max?: number;
}

export type ThresholdName = keyof SuiteThresholds;

export interface ThresholdFailure {
  threshold: ThresholdName;
  /** The limit the suite set. */
  limit: number;
  /** The measured value; null when the metric could not be measured (no classified cases). */
  actual: number | null;
  /** One line for a person: what was measured against what. */
  message: string;
}

interface ThresholdRule {
  label: string;
  bound: 'min' | 'max';
  measure(metrics: SuiteMetrics): number | null;
}

/** Every threshold, keyed by its name, in the order reports list them. */
export const THRESHOLD_RULES: Record<ThresholdName, ThresholdRule> = {
  pass_rate: { label: 'pass rate', bound: 'min', measure: (metrics) => metrics.passRate },
  accuracy: {
    label: 'accuracy',
    bound: 'min',
    measure: (metrics) => metrics.classification?.accuracy ?? null,
  },
  macro_f1: {
    label: 'macro F1',
    bound: 'min',
    measure: (metrics) => metrics.classification?.macroF1 ?? null,
  },
  format_compliance: {
    label: 'format compliance',
    bound: 'min',
    measure: (metrics) => metrics.formatCompliance,
  },
  guard_trigger_rate_max: {
    label: 'guard-trigger rate',
    bound: 'max',
    measure: (metrics) => metrics.guardTriggerRate,
  },
  pii_leak_rate_max: { label: 'PII-leak rate', bound: 'max', measure: (metrics) => metrics.piiLeakRate },
  escalation_rate_max: {
    label: 'escalation rate',
    bound: 'max',
    measure: (metrics) => metrics.escalationRate,
  },
};

/**
 * The thresholds a run missed, each with a message. A minimum is met at exactly the limit, a maximum
 * too. A classification threshold on a suite whose cases carry no expected class fails: the suite
 * asked for a number it never measured.
 *
 * @example
 * checkThresholds(metrics, { pass_rate: 0.95, pii_leak_rate_max: 0 })
 * // [{ threshold: 'pass_rate', limit: 0.95, actual: 0.9, message: 'pass rate 90.0% is below the minimum 95.0%' }]
 */
export function checkThresholds(metrics: SuiteMetrics, thresholds: SuiteThresholds): ThresholdFailure[] {
  const failures: ThresholdFailure[] = [];
  for (const [threshold, rule] of Object.entries(THRESHOLD_RULES) as [ThresholdName, ThresholdRule][]) {
    const limit = thresholds[threshold];
    if (limit === undefined) continue;
    const actual = rule.measure(metrics);
    if (actual === null) {
      const message = `${rule.label} threshold ${percent(limit)} is set, but no case carries an expected class`;
      failures.push({ threshold, limit, actual, message });
    } else if (rule.bound === 'min' ? actual < limit - EPSILON : actual > limit + EPSILON) {
      const message =
        rule.bound === 'min'
          ? `${rule.label} ${percent(actual)} is below the minimum ${percent(limit)}`
          : `${rule.label} ${percent(actual)} is above the maximum ${percent(limit)}`;
      failures.push({ threshold, limit, actual, message });
    }
  }
  return failures;
}

/** Shares such as 9/10 are not exact in binary; a run at exactly the limit must pass. */
const EPSILON = 1e-9;

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
