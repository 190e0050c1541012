import type {
  ArmComparison,
  ExperimentMetricName,
  MetricFigures,
} from '../../../../promptops/src/evaluation/experiments/index.ts';

/** The metrics, their natural direction and unit, as docs/experiments.md lists them. */
export const METRICS: Record<ExperimentMetricName, { better: 'higher' | 'lower'; label: string }> = {
  feedback: { better: 'higher', label: 'user feedback (mean score)' },
  judge: { better: 'higher', label: 'judge score of sampled runs' },
  'online-pass': { better: 'higher', label: 'online assertions pass rate' },
  'error-rate': { better: 'lower', label: 'error rate' },
  'escalation-rate': { better: 'lower', label: 'escalation rate' },
  'block-rate': { better: 'lower', label: 'guard block rate' },
  cost: { better: 'lower', label: 'cost per run (USD)' },
  latency: { better: 'lower', label: 'latency (ms)' },
};

const RATES: readonly ExperimentMetricName[] = ['online-pass', 'error-rate', 'escalation-rate', 'block-rate'];
const significant = (value: number) => Number(value.toPrecision(3)).toString();

/** 4.2%, $0.0012, 812 ms, 0.43. */
export function figure(metric: ExperimentMetricName, value: number | null): string {
  if (value === null) return '–';
  if (RATES.includes(metric)) return `${significant(value * 100)}%`;
  if (metric === 'cost') return `$${significant(value)}`;
  if (metric === 'latency') return `${Math.round(value)} ms`;
  return significant(value);
}

/** +1.2 pts, −$0.0003, +35 ms, +0.12. */
export function difference(metric: ExperimentMetricName, value: number): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  const size = Math.abs(value);
  if (RATES.includes(metric)) return `${sign}${significant(size * 100)} pts`;
  if (metric === 'cost') return `${sign}$${significant(size)}`;
  if (metric === 'latency') return `${sign}${Math.round(size)} ms`;
  return `${sign}${significant(size)}`;
}

/** `+1.2 pts (95% CI −0.4 to +2.8)` */
export function effect(metric: ExperimentMetricName, comparison: ArmComparison): string {
  const { interval } = comparison;
  return `${difference(metric, comparison.difference)} (${Math.round(interval.confidence * 100)}% CI ${difference(metric, interval.lower)} to ${difference(metric, interval.upper)})`;
}

export const pValue = (p: number): string => (p < 0.0001 ? '< 0.0001' : significant(p));

/** `812 ms · n 240` for one arm. */
export const arm = (figures: MetricFigures, side: 'control' | 'treatment'): string =>
  `${figure(figures.metric, figures[side].mean)} · n ${figures[side].n}`;
