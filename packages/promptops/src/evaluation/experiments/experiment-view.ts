import type { ExperimentRow } from '../../store/index.ts';
import type { ExperimentFigures } from './experiment-figures.ts';
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
    result: (row.result as ExperimentResult | null) ?? null,
    live,
  };
}
