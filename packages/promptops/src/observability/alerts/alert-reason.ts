import type { AlertStatus } from './alert-evaluator.ts';

const figure = (value: number | null) => (value === null ? 'unknown' : String(Number(value.toPrecision(3))));

/** The series an alert is about, as a person reads it: `the canary (v2) of support/x in production`. */
export function describeSeries(status: AlertStatus): string {
  const where = status.environment ? ` in ${status.environment}` : '';
  return `the ${status.arm} arm (v${status.version}) of ${status.prompt}${where}`;
}

/**
 * One line naming the rule, the series and the figures, for logs, webhooks and the audit reason of
 * an automatic rollback: `alert errors (critical) fired for the canary arm (v2) of support/x in
 * production: error_rate > 0.05 with 0.62 against 0.05 over 40 runs`.
 */
export function alertReason(status: AlertStatus, verb: 'fired' | 'resolved'): string {
  return (
    `alert ${status.rule} (${status.severity}) ${verb} for ${describeSeries(status)}: ` +
    `${status.condition} with ${figure(status.value)} against ${figure(status.threshold)} over ${status.runs} run${status.runs === 1 ? '' : 's'}`
  );
}
