import type { ExperimentRow } from '../../store/index.ts';
import type { ExperimentFigures, MetricFigures } from './experiment-figures.ts';
import { describeFigures } from './experiment-format.ts';
import type { Direction, ExperimentMetricName } from './experiment-metrics.ts';
import type { ExperimentOutcome } from './stopping-rule.ts';

export type ExperimentState = 'running' | 'concluded' | 'interrupted' | 'stopped';

/** What an ended experiment stores: the verdict and the figures it was reached on. */
export interface ExperimentResult {
  outcome: ExperimentOutcome;
  /** One line a person reads: the figures, the difference, its interval and p. */
  reason: string;
  /** Whether both arms had reached `minPerArm` goal samples. */
  horizonReached: boolean;
  figures: ExperimentFigures;
}

/** A running experiment's figures now. The goal's comparison is withheld until the horizon (no peeking). */
export interface LiveFigures extends ExperimentFigures {
  horizonReached: boolean;
}

/** An experiment as the API, the CLI and the web UI show it. */
export interface ExperimentView {
  id: number;
  prompt: string;
  environment: string;
  controlVersion: number;
  treatmentVersion: number;
  metric: ExperimentMetricName;
  direction: Direction;
  guardrails: ExperimentMetricName[];
  stoppingRule: {
    minPerArm: number;
    maxDuration: string;
    endsBy: string;
    alpha: number;
    guardrailAlpha: number;
  };
  state: ExperimentState;
  reason: string;
  startedBy: string;
  startedAt: string;
  endedBy: string | null;
  endedAt: string | null;
  endReason: string | null;
  result: ExperimentResult | null;
  /** Running experiments only, computed on read. */
  live: LiveFigures | null;
}

/** The goal's figures without its comparison (difference, interval, p): the per-arm n and figure only. */
export const withheldGoal = (goal: MetricFigures): MetricFigures => ({
  ...goal,
  comparison: null,
  relativeDifference: null,
});

/**
 * A stored result as shown: when the horizon was not reached (stopped, interrupted, guardrail breached,
 * inconclusive) the goal's comparison is withheld, as it is from live reads, since a verdict read from it
 * is the peeking the fixed horizon avoids; the reason then describes the goal without it. The guardrail
 * figures, which may have ended the experiment, stay. The stored row and the audit entry keep it all.
 */
export function shownResult(result: ExperimentResult | null): ExperimentResult | null {
  if (!result || result.horizonReached) return result;
  const goal = withheldGoal(result.figures.goal);
  const describesGoal = result.reason === describeFigures(result.figures.goal);
  return {
    ...result,
    reason: describesGoal ? describeFigures(goal) : result.reason,
    figures: { ...result.figures, goal },
  };
}

/** An experiment as shown; an ended one's result through `shownResult`. */
export function toExperimentView(row: ExperimentRow, live: LiveFigures | null = null): ExperimentView {
  return {
    id: row.id,
    prompt: row.prompt,
    environment: row.environment,
    controlVersion: row.controlVersion,
    treatmentVersion: row.treatmentVersion,
    metric: row.metric as ExperimentMetricName,
    direction: row.direction as Direction,
    guardrails: row.guardrails as ExperimentMetricName[],
    stoppingRule: {
      minPerArm: row.minPerArm,
      maxDuration: row.maxDuration,
      endsBy: row.endsBy.toISOString(),
      alpha: row.alpha,
      guardrailAlpha: row.guardrailAlpha,
    },
    state: row.state as ExperimentState,
    reason: row.reason,
    startedBy: row.startedBy,
    startedAt: row.startedAt.toISOString(),
    endedBy: row.endedBy,
    endedAt: row.endedAt?.toISOString() ?? null,
    endReason: row.endReason,
    result: shownResult((row.result as ExperimentResult | null) ?? null),
    live,
  };
}
