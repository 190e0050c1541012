import { describe, expect, it } from 'vitest';
import { evaluateCondition, parseAlertCondition } from './alert-condition.ts';

const parsed = (text: string) => {
  const result = parseAlertCondition(text);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};
const problem = (text: string) => {
  const result = parseAlertCondition(text);
  return result.ok ? 'parsed' : result.error;
};

describe('parseAlertCondition', () => {
  it('reads the seed rules: a metric against a number, and a number times a metric', () => {
    expect(parsed('error_rate > 0.05')).toMatchObject({
      left: { factor: 1, metric: 'error_rate' },
      comparator: '>',
      right: { factor: 0.05 },
    });
    expect(parsed('hourly_cost > 2 * baseline_hourly_cost')).toMatchObject({
      left: { metric: 'hourly_cost' },
      right: { factor: 2, metric: 'baseline_hourly_cost' },
    });
    expect(parsed('p99_latency_ms>=5e3').right.factor).toBe(5000);
    expect(parsed('guard_trigger_rate * 100 <= 12.5')).toMatchObject({
      left: { factor: 100, metric: 'guard_trigger_rate' },
      comparator: '<=',
    });
    expect(parsed('0.1 < escalation_rate').right.metric).toBe('escalation_rate');
  });

  it('names an unknown metric and suggests the one meant', () => {
    expect(problem('error_rat > 0.05')).toMatch(/^unknown metric "error_rat"; did you mean "error_rate"\?/);
    expect(problem('cpu > 0.9')).toMatch(/^unknown metric "cpu" \(metrics: error_rate, /);
  });

  it('refuses anything outside the grammar, saying where', () => {
    expect(problem('error_rate > 0.05 and p99_latency_ms > 5000')).toBe(
      'unexpected text at column 19; one comparison per condition',
    );
    expect(problem('error_rate = 0.05')).toBe('unexpected "=" at column 12');
    expect(problem('error_rate 0.05')).toBe('expected a comparison (> >= < <= == !=) at column 12');
    expect(problem('error_rate >')).toBe('the condition ends early');
    expect(problem('process.exit() > 1')).toBe('unexpected "." at column 8');
    expect(problem('process > 1')).toMatch(/unknown metric "process"/);
    expect(problem('hourly_cost > 2 *')).toBe('the condition ends after "*"');
    expect(problem('hourly_cost * baseline_hourly_cost > 1')).toMatch(/not by another metric/);
    expect(problem('1 > 0')).toBe('the condition names no metric');
    expect(problem('')).toBe('the condition ends early');
  });
});

describe('evaluateCondition', () => {
  it('compares the figures, and cannot decide without the figures it names', () => {
    const spike = parsed('hourly_cost > 2 * baseline_hourly_cost');
    expect(evaluateCondition(spike, { hourly_cost: 5, baseline_hourly_cost: 2 })).toEqual({
      holds: true,
      value: 5,
      threshold: 4,
    });
    expect(evaluateCondition(spike, { hourly_cost: 3, baseline_hourly_cost: 2 })?.holds).toBe(false);
    expect(evaluateCondition(spike, { hourly_cost: 3 })).toBeUndefined();
    const errors = parsed('error_rate != 0');
    expect(evaluateCondition(errors, { error_rate: 0 })?.holds).toBe(false);
    expect(evaluateCondition(errors, { error_rate: 0.5 })?.holds).toBe(true);
  });
});
