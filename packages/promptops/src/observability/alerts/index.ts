export { type AlertCondition, evaluateCondition, parseAlertCondition } from './alert-condition.ts';
export { type AlertEvaluator, type AlertStatus, createAlertEvaluator } from './alert-evaluator.ts';
export { type AlertLogger, jsonLineLogger } from './alert-log.ts';
export { ALERT_METRIC_NAMES, ALERT_METRICS, type AlertMetric } from './alert-metrics.ts';
export {
  type AlertMonitor,
  type AlertMonitorOptions,
  type AlertSnapshot,
  type AlertStatusView,
  createAlertMonitor,
} from './alert-monitor.ts';
export { ALERT_STATES, type AlertState } from './alert-state.ts';
