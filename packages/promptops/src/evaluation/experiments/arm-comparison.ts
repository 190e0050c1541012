/** The difference treatment − control with its interval and test, as every experiment comparison reports it. */
export interface ArmComparison {
  test: 'welch-t' | 'two-proportion-z' | 'fisher-exact';
  /** Treatment minus control, in the metric's unit (a rate's points as a fraction, USD, ms, score). */
  difference: number;
  /** Confidence interval of the difference at 1 − alpha. */
  interval: { lower: number; upper: number; confidence: number };
  pValue: number;
  /** The z or t statistic; absent for Fisher's exact test. */
  statistic?: number;
  /** Welch–Satterthwaite degrees of freedom (Welch only). */
  degreesOfFreedom?: number;
}
