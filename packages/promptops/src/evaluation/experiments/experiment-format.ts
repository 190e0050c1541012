import type { ArmComparison } from './arm-comparison.ts';
import type { MetricFigures } from './experiment-figures.ts';
import { type ExperimentMetricName, METRIC_RULES } from './experiment-metrics.ts';

const significant = (value: number) => Number(value.toPrecision(3)).toString();

/** A metric's figure as people read it: 4.2% for a rate, $0.0012 for cost, 812 ms, 0.43 for a score. */
export function formatFigure(metric: ExperimentMetricName, value: number | null): string {
  if (value === null) return '–';
  const rule = METRIC_RULES[metric];
  if (rule.kind === 'rate') return `${significant(value * 100)}%`;
  if (rule.unit === 'USD') return `$${significant(value)}`;
  if (rule.unit === 'ms') return `${Math.round(value)} ms`;
  return significant(value);
}

/** A difference in the metric's unit: +1.2 points for a rate, −$0.0003, +35 ms. */
export function formatDifference(metric: ExperimentMetricName, value: number): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  const size = Math.abs(value);
  const rule = METRIC_RULES[metric];
  if (rule.kind === 'rate') return `${sign}${significant(size * 100)} points`;
  if (rule.unit === 'USD') return `${sign}$${significant(size)}`;
  if (rule.unit === 'ms') return `${sign}${Math.round(size)} ms`;
  return `${sign}${significant(size)}`;
}

/** p 0.0034, p < 0.0001. */
export const formatP = (p: number): string => (p < 0.0001 ? 'p < 0.0001' : `p ${significant(p)}`);

/** `difference +1.2 points (95% CI −0.4 to +2.8), p 0.14, welch-t` */
export function formatComparison(metric: ExperimentMetricName, comparison: ArmComparison): string {
  const { interval } = comparison;
  return (
    `difference ${formatDifference(metric, comparison.difference)} ` +
    `(${Math.round(interval.confidence * 100)}% CI ${formatDifference(metric, interval.lower)} to ${formatDifference(metric, interval.upper)}), ` +
    `${formatP(comparison.pValue)}, ${comparison.test}`
  );
}

/** `error-rate: treatment 2% vs control 5% (n 812 / 790); difference … ` */
export function describeFigures(figures: MetricFigures): string {
  const { metric, control, treatment, comparison } = figures;
  return (
    `${metric}: treatment ${formatFigure(metric, treatment.mean)} vs control ${formatFigure(metric, control.mean)} ` +
    `(n ${treatment.n} / ${control.n})` +
    (comparison ? `; ${formatComparison(metric, comparison)}` : '')
  );
}
