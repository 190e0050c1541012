import type { SuiteMetrics } from '../metrics/suite-metrics.ts';
import type { SuiteReport } from './report-types.ts';

/** `87.5%` */
export const formatPercent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** `1,234 ms` */
export const formatMilliseconds = (milliseconds: number): string =>
  `${Math.round(milliseconds).toLocaleString('en-US')} ms`;

/** `$0.001234`: enough places for per-call prices. */
export const formatUsd = (amount: number): string => `$${amount.toFixed(amount >= 1 ? 2 : 6)}`;

/** `12.3 s` / `850 ms` */
export const formatDuration = (milliseconds: number): string =>
  milliseconds >= 1000 ? `${(milliseconds / 1000).toFixed(1)} s` : `${Math.round(milliseconds)} ms`;

/** `support/assistant v4`, or just the target for a working-copy run. */
export const targetLabel = (report: Pick<SuiteReport, 'target' | 'version'>): string =>
  report.version === undefined ? report.target : `${report.target} v${report.version}`;

/**
 * The metric lines every report shows, as label and value, in one order. Cost says how many prices
 * were unknown, and its total is marked as a lower bound then.
 */
export function metricRows(metrics: SuiteMetrics): [label: string, value: string][] {
  const rows: [string, string][] = [
    ['pass rate', `${formatPercent(metrics.passRate)} (${metrics.passed}/${metrics.cases})`],
  ];
  if (metrics.classification) {
    rows.push(['accuracy', formatPercent(metrics.classification.accuracy)]);
    rows.push(['macro F1', formatPercent(metrics.classification.macroF1)]);
  }
  rows.push(
    ['format compliance', formatPercent(metrics.formatCompliance)],
    ['guard-trigger rate', formatPercent(metrics.guardTriggerRate)],
    ['PII-leak rate', formatPercent(metrics.piiLeakRate)],
    ['escalation rate', formatPercent(metrics.escalationRate)],
  );
  const { latency, cost } = metrics;
  rows.push([
    'latency',
    latency
      ? `p50 ${formatMilliseconds(latency.p50)}, p90 ${formatMilliseconds(latency.p90)}, ` +
        `p99 ${formatMilliseconds(latency.p99)}, mean ${formatMilliseconds(latency.mean)}, max ${formatMilliseconds(latency.max)}`
      : 'no runs',
  ]);
  const unknown = cost.unknownCount > 0 ? `; ${cost.unknownCount} unknown` : '';
  rows.push([
    'cost',
    cost.total === null
      ? `unknown (${cost.unknownCount} runs without a price)`
      : `total ${cost.unknownCount > 0 ? '≥ ' : ''}${formatUsd(cost.total)}, mean ${formatUsd(cost.mean!)}, ` +
        `p90 ${formatUsd(cost.p90!)}${unknown}`,
  ]);
  return rows;
}
