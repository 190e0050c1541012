// A/B experiments in production (issue 10, item 4b): statistics and lifecycle on the stable/canary split.

export type { ArmComparison } from './arm-comparison.ts';
export { compareArms } from './compare-arms.ts';
export { EXPERIMENTS_ACTOR } from './experiment-actor.ts';
export type { ExperimentDeps, ExperimentLogger } from './experiment-deps.ts';
export type { ExperimentFigures, GuardrailFigures, MetricFigures } from './experiment-figures.ts';
export { measureExperiment } from './experiment-figures.ts';
export {
  describeFigures,
  formatComparison,
  formatDifference,
  formatFigure,
  formatP,
} from './experiment-format.ts';
export {
  type Direction,
  EXPERIMENT_METRICS,
  type ExperimentMetricName,
  METRIC_RULES,
  type MetricRule,
} from './experiment-metrics.ts';
export type { ExperimentResult, ExperimentState, ExperimentView, LiveFigures } from './experiment-view.ts';
export {
  createExperimentWatch,
  EXPERIMENTS_JOB,
  type ExperimentWatch,
  type ExperimentWatchOptions,
  runExperimentPass,
  type WatchPass,
} from './experiment-watch.ts';
export { fisherExactP } from './fisher-exact-test.ts';
export { normalQuantile } from './normal-quantile.ts';
export { listExperimentViews, liveFigures, showExperiment } from './read-experiments.ts';
export { type SettleReport, settleExperiment, settleExperiments, splitChange } from './settle-experiments.ts';
export { type StartExperimentInput, startExperiment } from './start-experiment.ts';
export { stopExperiment } from './stop-experiment.ts';
export {
  decideStopping,
  EXPERIMENT_OUTCOMES,
  type ExperimentOutcome,
  horizonReached,
  type StoppingDecision,
  type StoppingRule,
} from './stopping-rule.ts';
export { incompleteBeta, logGamma, studentTCdf, studentTQuantile, studentTTwoSidedP } from './student-t.ts';
export { compareProportions, type ProportionSummary } from './two-proportion-test.ts';
export { type MeanSummary, welchTTest } from './welch-t-test.ts';
