import type { ExperimentMetricName } from '../../store/index.ts';

export { EXPERIMENT_METRICS, type ExperimentMetricName } from '../../store/index.ts';

export type Direction = 'higher' | 'lower';

export interface MetricRule {
  /** A rate (share of runs) is compared with a two-proportion or Fisher test; a mean with Welch's t-test. */
  kind: 'rate' | 'mean';
  /** Which way is better by nature: the goal's default direction, and the guardrail's harm is the other way. */
  better: Direction;
  unit: string;
  summary: string;
}

/** What each experiment metric measures and how it is compared (docs/experiments.md, Metrics). */
export const METRIC_RULES: Record<ExperimentMetricName, MetricRule> = {
  feedback: {
    kind: 'mean',
    better: 'higher',
    unit: 'score',
    summary: "users' feedback score per run (-1..1, a run's scores averaged); runs without feedback left out",
  },
  judge: {
    kind: 'mean',
    better: 'higher',
    unit: 'score',
    summary: "the judge model's score of sampled runs (0..1); unsampled runs left out",
  },
  'online-pass': {
    kind: 'rate',
    better: 'higher',
    unit: 'share',
    summary: "share of sampled runs passing the version's online assertions",
  },
  'error-rate': { kind: 'rate', better: 'lower', unit: 'share', summary: 'share of runs that failed' },
  'escalation-rate': {
    kind: 'rate',
    better: 'lower',
    unit: 'share',
    summary: 'share of runs escalated or answered uncertain',
  },
  'block-rate': { kind: 'rate', better: 'lower', unit: 'share', summary: 'share of runs a guard blocked' },
  cost: {
    kind: 'mean',
    better: 'lower',
    unit: 'USD',
    summary: 'mean cost per run in USD; runs without a price left out and counted',
  },
  latency: {
    kind: 'mean',
    better: 'lower',
    unit: 'ms',
    summary: 'mean latency per run in ms (p50 shown too)',
  },
};
