import type { ArmFigureRow, Executor, ExperimentRow } from '../../store/index.ts';
import { experimentArmFigures } from '../../store/index.ts';
import type { ArmComparison } from './arm-comparison.ts';
import { compareArms } from './compare-arms.ts';
import { type ExperimentMetricName, METRIC_RULES } from './experiment-metrics.ts';
import { guardrailLevel } from './guardrail-boundary.ts';

/** One metric over both arms: the figures, and the comparison at the level it is judged at. */
export interface MetricFigures {
  metric: ExperimentMetricName;
  control: ArmFigureRow;
  treatment: ArmFigureRow;
  /** Null while an arm has too few samples for the test. */
  comparison: ArmComparison | null;
  /** The difference as a share of the control figure; null when that is 0 or unknown. */
  relativeDifference: number | null;
}

export interface GuardrailFigures extends MetricFigures {
  /**
   * The p below which this look is a breach: the guardrail alpha split over the guardrails and spent
   * over the looks (guardrailLevel). Absent in results stored before it was recorded.
   */
  level?: number;
  /** The treatment is significantly worse at `level`, in the metric's own bad direction. */
  breached: boolean;
}

export interface ExperimentFigures {
  /** The runs counted: from the experiment's start up to here (its end, or now). */
  since: string;
  until: string;
  goal: MetricFigures;
  guardrails: GuardrailFigures[];
}

async function measureMetric(
  executor: Executor,
  row: ExperimentRow,
  metric: ExperimentMetricName,
  until: Date,
  alpha: number,
): Promise<MetricFigures> {
  const [control, treatment] = await experimentArmFigures(
    executor,
    {
      prompt: row.prompt,
      environment: row.environment,
      controlVersion: row.controlVersion,
      treatmentVersion: row.treatmentVersion,
      since: row.startedAt,
      until,
    },
    metric,
  );
  const comparison = compareArms(metric, control!, treatment!, alpha) ?? null;
  const base = control!.mean;
  return {
    metric,
    control: control!,
    treatment: treatment!,
    comparison,
    relativeDifference: comparison && base !== null && base !== 0 ? comparison.difference / base : null,
  };
}

/**
 * Whether a guardrail's comparison shows the treatment significantly worse: p below `level` (this
 * look's nominal level from guardrailLevel, not the bare guardrail alpha, which repeated looks would
 * inflate), the metric's bad way.
 */
export function isBreach(figures: MetricFigures, level: number): boolean {
  const comparison = figures.comparison;
  if (!comparison || comparison.pValue >= level) return false;
  const worse =
    METRIC_RULES[figures.metric].better === 'higher' ? comparison.difference < 0 : comparison.difference > 0;
  return worse;
}

/**
 * An experiment's figures over its runs up to `now` (at most its `ends_by`): the goal metric compared at the
 * experiment's alpha, each guardrail's interval at the guardrail alpha and its breach at this look's
 * level (guardrailLevel: Bonferroni over the guardrails, alpha spent over the looks), per arm
 * (control = the stable version's runs, treatment = the canary version's).
 */
export async function measureExperiment(
  executor: Executor,
  row: ExperimentRow,
  now: Date,
): Promise<ExperimentFigures> {
  // Runs after the maximum duration are not part of the experiment as designed.
  const until = now.getTime() > row.endsBy.getTime() ? row.endsBy : now;
  const goal = await measureMetric(executor, row, row.metric as ExperimentMetricName, until, row.alpha);
  const guardrails: GuardrailFigures[] = [];
  for (const metric of row.guardrails as ExperimentMetricName[]) {
    const figures = await measureMetric(executor, row, metric, until, row.guardrailAlpha);
    const level = guardrailLevel({
      guardrailAlpha: row.guardrailAlpha,
      guardrails: row.guardrails.length,
      minPerArm: row.minPerArm,
      n: Math.min(figures.control.n, figures.treatment.n),
    });
    guardrails.push({ ...figures, level, breached: isBreach(figures, level) });
  }
  return { since: row.startedAt.toISOString(), until: until.toISOString(), goal, guardrails };
}
