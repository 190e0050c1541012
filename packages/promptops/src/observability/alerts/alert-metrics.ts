/**
 * The live figures an alert condition may name (policies.yaml `alerts[].condition`), each computed
 * per prompt, environment, version and arm over the evaluator's rolling window (docs/governance.md,
 * Alerts). Rates are shares of the window's runs, 0..1.
 */
export const ALERT_METRICS = {
  error_rate: 'share of runs that ended failed',
  p50_latency_ms: 'median run time in milliseconds',
  p99_latency_ms: '99th percentile run time in milliseconds',
  hourly_cost: 'USD spent in the last hour',
  baseline_hourly_cost: 'mean USD per hour over the 24 hours before the current one',
  guard_trigger_rate: 'share of runs with a guard verdict other than allow',
  validation_failure_rate: 'share of runs whose answer failed output validation at least once',
  escalation_rate: 'share of runs that ended escalated',
} as const;

export type AlertMetric = keyof typeof ALERT_METRICS;
export const ALERT_METRIC_NAMES = Object.keys(ALERT_METRICS) as AlertMetric[];

/** Figures for one series; a figure is absent when there is not enough data to state it. */
export type AlertFigures = Partial<Record<AlertMetric, number>>;

export function isAlertMetric(name: string): name is AlertMetric {
  return Object.hasOwn(ALERT_METRICS, name);
}
