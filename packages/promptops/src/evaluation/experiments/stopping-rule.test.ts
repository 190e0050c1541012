import { describe, expect, it } from 'vitest';
import type { ArmFigureRow } from '../../store/index.ts';
import { compareArms } from './compare-arms.ts';
import { type ExperimentFigures, isBreach, type MetricFigures } from './experiment-figures.ts';
import type { ExperimentMetricName } from './experiment-metrics.ts';
import { decideStopping, type StoppingRule } from './stopping-rule.ts';

const rate = (arm: 'control' | 'treatment', n: number, successes: number): ArmFigureRow => ({
  arm,
  runs: n,
  n,
  successes,
  mean: n > 0 ? successes / n : null,
  variance: null,
  median: null,
  excluded: 0,
});

function figures(
  metric: ExperimentMetricName,
  control: ArmFigureRow,
  treatment: ArmFigureRow,
  alpha: number,
): MetricFigures {
  return {
    metric,
    control,
    treatment,
    comparison: compareArms(metric, control, treatment, alpha) ?? null,
    relativeDifference: null,
  };
}

const RULE: StoppingRule = {
  minPerArm: 100,
  endsBy: new Date('2026-12-18T09:00:00Z'),
  alpha: 0.05,
  guardrailAlpha: 0.01,
};
const BEFORE_END = new Date('2026-12-10T09:00:00Z');

function experiment(goal: MetricFigures, guardrails: MetricFigures[] = []): ExperimentFigures {
  return {
    since: '2026-12-04T09:00:00.000Z',
    until: BEFORE_END.toISOString(),
    goal,
    guardrails: guardrails.map((guardrail) => ({
      ...guardrail,
      breached: isBreach(guardrail, RULE.guardrailAlpha),
    })),
  };
}

describe('the stopping rule', () => {
  it('does not test the goal before the horizon, however large the difference', () => {
    // 0 of 60 escalated against 30 of 60: p far below alpha, but 60 < 100 per arm.
    const goal = figures('escalation-rate', rate('control', 60, 30), rate('treatment', 60, 0), RULE.alpha);
    expect(goal.comparison!.pValue).toBeLessThan(0.0001);
    expect(
      decideStopping({ figures: experiment(goal), direction: 'lower', rule: RULE, now: BEFORE_END }),
    ).toEqual({
      end: false,
      horizonReached: false,
    });
  });

  it('concludes at the horizon with the winner by the goal direction', () => {
    const lowerEscalations = figures(
      'escalation-rate',
      rate('control', 120, 30),
      rate('treatment', 110, 12),
      RULE.alpha,
    );
    expect(
      decideStopping({
        figures: experiment(lowerEscalations),
        direction: 'lower',
        rule: RULE,
        now: BEFORE_END,
      }),
    ).toMatchObject({ end: true, outcome: 'treatment wins', horizonReached: true });
    expect(
      decideStopping({
        figures: experiment(lowerEscalations),
        direction: 'higher',
        rule: RULE,
        now: BEFORE_END,
      }),
    ).toMatchObject({ end: true, outcome: 'control wins' });
    const same = figures('escalation-rate', rate('control', 120, 30), rate('treatment', 110, 27), RULE.alpha);
    const decision = decideStopping({
      figures: experiment(same),
      direction: 'lower',
      rule: RULE,
      now: BEFORE_END,
    });
    expect(decision).toMatchObject({ end: true, outcome: 'no significant difference' });
    expect(decision.end && decision.reason).toMatch(
      /^escalation-rate: treatment 24\.5% vs control 25% \(n 110 \/ 120\); difference −0\.455 points \(95% CI .+\), p 0\.93\d*, two-proportion-z$/,
    );
  });

  it('ends early only on a guardrail significantly worse in the treatment, at the guardrail alpha', () => {
    const goal = figures(
      'feedback',
      { ...rate('control', 10, 0), successes: null, mean: 0.2, variance: 0.3 },
      {
        ...rate('treatment', 10, 0),
        successes: null,
        mean: 0.3,
        variance: 0.3,
      },
      RULE.alpha,
    );
    // 8 of 40 failed against 1 of 40: Fisher p ≈ 0.029, below 0.05 but not below 0.01 — no breach yet.
    const borderline = figures(
      'error-rate',
      rate('control', 40, 1),
      rate('treatment', 40, 8),
      RULE.guardrailAlpha,
    );
    expect(borderline.comparison!.pValue).toBeGreaterThan(0.01);
    expect(
      decideStopping({
        figures: experiment(goal, [borderline]),
        direction: 'higher',
        rule: RULE,
        now: BEFORE_END,
      }).end,
    ).toBe(false);
    // Better in the treatment is never a breach.
    const better = figures(
      'error-rate',
      rate('control', 80, 20),
      rate('treatment', 80, 1),
      RULE.guardrailAlpha,
    );
    expect(
      decideStopping({
        figures: experiment(goal, [better]),
        direction: 'higher',
        rule: RULE,
        now: BEFORE_END,
      }).end,
    ).toBe(false);
    const worse = figures(
      'error-rate',
      rate('control', 80, 1),
      rate('treatment', 80, 20),
      RULE.guardrailAlpha,
    );
    const decision = decideStopping({
      figures: experiment(goal, [worse]),
      direction: 'higher',
      rule: RULE,
      now: BEFORE_END,
    });
    expect(decision).toMatchObject({ end: true, outcome: 'guardrail breached', horizonReached: false });
    expect(decision.end && decision.reason).toMatch(
      /^guardrail breached: error-rate: treatment 25% vs control 1\.25% \(n 80 \/ 80\)/,
    );
  });

  it('is inconclusive (under-powered) at max duration without the samples', () => {
    const goal = figures('error-rate', rate('control', 99, 3), rate('treatment', 40, 1), RULE.alpha);
    expect(
      decideStopping({ figures: experiment(goal), direction: 'lower', rule: RULE, now: RULE.endsBy }),
    ).toEqual({
      end: true,
      outcome: 'inconclusive (under-powered)',
      horizonReached: false,
      reason:
        'max duration reached with 40 treatment and 99 control samples of error-rate, 100 per arm needed',
    });
  });
});
