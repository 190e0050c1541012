// Suite metrics

export { binomialTwoSidedP, logChoose } from './binomial-test.ts';
// Statistics
export type { BootstrapOptions, ConfidenceInterval } from './bootstrap-mean.ts';
export { bootstrapMeanInterval } from './bootstrap-mean.ts';
// Comparison
export type { CaseMetric, CaseMetricName } from './case-metrics.ts';
export { CASE_METRICS } from './case-metrics.ts';
// Thresholds
export type { SuiteThresholds, ThresholdFailure, ThresholdName } from './check-thresholds.ts';
export { checkThresholds, THRESHOLD_RULES } from './check-thresholds.ts';
export type { ClassificationMetrics, ClassMetrics, ConfusionMatrix } from './classification-metrics.ts';
export { classificationMetrics, NO_PREDICTION } from './classification-metrics.ts';
export type { MetricComparison } from './compare-metric.ts';
export type { CaseChange, CompareRunsOptions, ProportionComparison, RunComparison } from './compare-runs.ts';
export { compareRuns } from './compare-runs.ts';
export { formatPoints, formatPValue } from './comparison-verdict.ts';
export { mean, percentile } from './distribution.ts';
export { failureReasons, firstFailureReason } from './failure-reasons.ts';
export type { McNemarResult } from './mcnemar-test.ts';
export { mcnemarExact } from './mcnemar-test.ts';
export { normalCdf } from './normal-distribution.ts';
export { MIN_WILCOXON_PAIRS, pairedTest } from './paired-test.ts';
export type { PairedTestResult } from './paired-test-result.ts';
export { guardTriggered, isFormatCompliant, leakedPii, wasEscalated } from './repeat-signals.ts';
export { seededRandom } from './seeded-random.ts';
export { signTest } from './sign-test.ts';
export type { CostDistribution, LatencyDistribution, SuiteMetrics } from './suite-metrics.ts';
export { suiteMetrics } from './suite-metrics.ts';
export { wilcoxonSignedRank } from './wilcoxon-signed-rank.ts';
