import type { ExperimentFigures } from './experiment-figures.ts';
import { describeFigures } from './experiment-format.ts';
import type { Direction } from './experiment-metrics.ts';

/** How an experiment ended; `running` ones have none yet. */
export const EXPERIMENT_OUTCOMES = [
  'treatment wins',
  'control wins',
  'no significant difference',
  'inconclusive (under-powered)',
  'guardrail breached',
  'interrupted',
  'stopped',
] as const;
export type ExperimentOutcome = (typeof EXPERIMENT_OUTCOMES)[number];

/** The fixed horizon: `minPerArm` goal samples in each arm, or `endsBy` at the latest. */
export interface StoppingRule {
  minPerArm: number;
  endsBy: Date;
  alpha: number;
  guardrailAlpha: number;
}

export type StoppingDecision =
  | { end: false; horizonReached: false }
  | { end: true; outcome: ExperimentOutcome; reason: string; horizonReached: boolean };

/** Whether both arms have the goal samples the horizon asks for. */
export const horizonReached = (figures: ExperimentFigures, rule: StoppingRule): boolean =>
  figures.goal.control.n >= rule.minPerArm && figures.goal.treatment.n >= rule.minPerArm;

/**
 * The stopping rule (docs/experiments.md): a fixed horizon, with no look at the goal before it.
 * Testing the goal on every evaluation and stopping at the first p < alpha ("peeking") inflates
 * the false-positive rate far beyond alpha (Armitage, McPherson & Rowe 1969: about 0.19 with ten
 * looks at 0.05; Johari et al. 2017), so the goal is tested once, when both arms reach `minPerArm`.
 * Before that only a guardrail ends an experiment: the treatment significantly worse at the look's
 * guardrail level (guardrailLevel: the guardrail alpha split over the guardrails and spent over the
 * looks, so all the looks together raise a false alarm at most that often). At `endsBy`
 * without the samples the experiment is inconclusive (under-powered).
 */
export function decideStopping(input: {
  figures: ExperimentFigures;
  direction: Direction;
  rule: StoppingRule;
  now: Date;
}): StoppingDecision {
  const { figures, direction, rule, now } = input;
  const reached = horizonReached(figures, rule);
  const breached = figures.guardrails.filter((guardrail) => guardrail.breached);
  if (breached.length > 0) {
    return {
      end: true,
      outcome: 'guardrail breached',
      horizonReached: reached,
      reason: `guardrail breached: ${breached.map(describeFigures).join('; ')}`,
    };
  }
  if (reached) {
    const comparison = figures.goal.comparison;
    const described = describeFigures(figures.goal);
    if (!comparison || comparison.pValue >= rule.alpha) {
      return { end: true, outcome: 'no significant difference', horizonReached: true, reason: described };
    }
    const treatmentBetter = direction === 'higher' ? comparison.difference > 0 : comparison.difference < 0;
    return {
      end: true,
      outcome: treatmentBetter ? 'treatment wins' : 'control wins',
      horizonReached: true,
      reason: described,
    };
  }
  if (now.getTime() >= rule.endsBy.getTime()) {
    return {
      end: true,
      outcome: 'inconclusive (under-powered)',
      horizonReached: false,
      reason: `max duration reached with ${figures.goal.treatment.n} treatment and ${figures.goal.control.n} control samples of ${figures.goal.metric}, ${rule.minPerArm} per arm needed`,
    };
  }
  return { end: false, horizonReached: false };
}
