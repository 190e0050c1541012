import { describe, expect, it } from 'vitest';
import { checkThresholds } from './check-thresholds.ts';
import { classificationMetrics, NO_PREDICTION } from './classification-metrics.ts';
import { suiteMetrics } from './suite-metrics.ts';
import { caseOutput, caseResult } from './test-fixtures.ts';

const classified = (caseId: string, expectedClass: string, predictedClass?: string) =>
  caseResult(caseId, predictedClass === expectedClass, {
    expectedClass,
    ...(predictedClass !== undefined ? { predictedClass } : {}),
  });

describe('classificationMetrics', () => {
  // Worked by hand: refund 3 expected (2 right, 1 → billing); billing 2 expected (1 right, 1 → refund);
  // other 1 expected, predicted nothing.
  const results = [
    classified('1', 'refund', 'refund'),
    classified('2', 'refund', 'refund'),
    classified('3', 'refund', 'billing'),
    classified('4', 'billing', 'billing'),
    classified('5', 'billing', 'refund'),
    classified('6', 'other'),
  ];

  it('computes accuracy, per-class precision/recall/F1 and macro F1', () => {
    const metrics = classificationMetrics(results)!;
    expect(metrics.cases).toBe(6);
    expect(metrics.accuracy).toBeCloseTo(3 / 6, 12);
    const byLabel = Object.fromEntries(metrics.perClass.map((entry) => [entry.label, entry]));
    expect(byLabel.refund).toMatchObject({ support: 3 });
    expect(byLabel.refund!.precision).toBeCloseTo(2 / 3, 12);
    expect(byLabel.refund!.recall).toBeCloseTo(2 / 3, 12);
    expect(byLabel.billing!.precision).toBeCloseTo(1 / 2, 12);
    expect(byLabel.billing!.recall).toBeCloseTo(1 / 2, 12);
    expect(byLabel.other).toEqual({ label: 'other', precision: 0, recall: 0, f1: 0, support: 1 });
    expect(metrics.macroF1).toBeCloseTo((2 / 3 + 1 / 2 + 0) / 3, 12);
  });

  it('counts a missing prediction as wrong, in its own (none) column', () => {
    const { confusion } = classificationMetrics(results)!;
    expect(confusion.labels).toEqual(['billing', 'other', 'refund', NO_PREDICTION]);
    expect(confusion.matrix).toEqual([
      [1, 0, 1, 0],
      [0, 0, 0, 1],
      [1, 0, 2, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('is absent when no case carries an expected class', () => {
    expect(classificationMetrics([caseResult('a', true)])).toBeUndefined();
    expect(suiteMetrics([caseResult('a', true)]).classification).toBeUndefined();
  });
});

describe('suiteMetrics', () => {
  const results = [
    caseResult('ok', true, { output: { latencyMs: 100, costUsd: 0.002 } }),
    caseResult('bad-json', false, {
      output: {
        status: 'failed',
        output: '',
        latencyMs: 300,
        error: { code: 'output_invalid', message: 'not JSON' },
      },
    }),
    caseResult('timeout', false, {
      output: {
        status: 'failed',
        latencyMs: 900,
        costUsd: null,
        error: { code: 'timeout', message: 'slow' },
      },
    }),
    caseResult('leak', false, {
      output: {
        status: 'blocked',
        latencyMs: 200,
        verdicts: [{ guard: 'customer-facing:pii-leak', stage: 'output', action: 'block' }],
      },
    }),
    caseResult('escalated', true, {
      output: {
        status: 'escalated',
        latencyMs: 500,
        verdicts: [{ guard: 'support:injection', stage: 'input', action: 'escalate' }],
      },
    }),
  ];

  it('counts cases and the pass rate', () => {
    expect(suiteMetrics(results)).toMatchObject({ cases: 5, passed: 2, passRate: 0.4, repeats: 5 });
  });

  it('counts only output_invalid failures against format compliance', () => {
    expect(suiteMetrics(results).formatCompliance).toBeCloseTo(4 / 5, 12);
  });

  it('computes guard-trigger, PII-leak and escalation rates over repeats', () => {
    const metrics = suiteMetrics(results);
    expect(metrics.guardTriggerRate).toBeCloseTo(2 / 5, 12);
    expect(metrics.piiLeakRate).toBeCloseTo(1 / 5, 12);
    expect(metrics.escalationRate).toBeCloseTo(1 / 5, 12);
  });

  it('does not count an input-stage pii-leak verdict or an allow verdict as a leak', () => {
    const metrics = suiteMetrics([
      caseResult('a', true, {
        output: { verdicts: [{ guard: 'x:pii-leak', stage: 'input', action: 'redact' }] },
      }),
      caseResult('b', true, {
        output: { verdicts: [{ guard: 'x:pii-leak', stage: 'output', action: 'allow' }] },
      }),
    ]);
    expect(metrics.piiLeakRate).toBe(0);
    expect(metrics.guardTriggerRate).toBe(0.5);
  });

  it('summarises latency (interpolated percentiles)', () => {
    expect(suiteMetrics(results).latency).toEqual({ p50: 300, p90: 740, p99: 884, mean: 400, max: 900 });
  });

  it('keeps unknown prices out of the cost instead of counting them as 0', () => {
    const { cost } = suiteMetrics(results);
    expect(cost.unknownCount).toBe(1);
    expect(cost.total).toBeCloseTo(0.002 + 0.001 * 3, 12);
    expect(cost.mean).toBeCloseTo(0.005 / 4, 12);
    const unknown = suiteMetrics([caseResult('a', true, { output: { costUsd: null } })]).cost;
    expect(unknown).toEqual({ total: null, mean: null, p90: null, unknownCount: 1 });
  });

  it('counts every repeat of a repeated case', () => {
    const repeated = caseResult('flaky', false, {
      passRate: 1 / 3,
      repeats: [1, 2, 3].map((index) => ({
        output: caseOutput(index === 2 ? { status: 'escalated' } : {}),
        assertions: [],
        score: 1,
        pass: index !== 2,
      })),
    });
    expect(suiteMetrics([repeated])).toMatchObject({ repeats: 3, escalationRate: 1 / 3 });
  });

  it('reports an empty suite as nothing passed and no latency', () => {
    expect(suiteMetrics([])).toMatchObject({ cases: 0, passRate: 0, repeats: 0, latency: null });
  });
});

describe('checkThresholds', () => {
  const metrics = suiteMetrics([
    caseResult('1', true, { expectedClass: 'a', predictedClass: 'a' }),
    caseResult('2', true, { expectedClass: 'a', predictedClass: 'a' }),
    caseResult('3', true, { expectedClass: 'b', predictedClass: 'b' }),
    caseResult('4', false, {
      expectedClass: 'b',
      predictedClass: 'a',
      output: { verdicts: [{ guard: 'p:pii-leak', stage: 'output', action: 'block' }] },
    }),
  ]);

  it('passes limits met exactly and reports each missed one with a message', () => {
    expect(checkThresholds(metrics, { pass_rate: 0.75, accuracy: 0.75, pii_leak_rate_max: 0.25 })).toEqual(
      [],
    );
    expect(checkThresholds(metrics, { pass_rate: 0.9, pii_leak_rate_max: 0, format_compliance: 1 })).toEqual([
      {
        threshold: 'pass_rate',
        limit: 0.9,
        actual: 0.75,
        message: 'pass rate 75.0% is below the minimum 90.0%',
      },
      {
        threshold: 'pii_leak_rate_max',
        limit: 0,
        actual: 0.25,
        message: 'PII-leak rate 25.0% is above the maximum 0.0%',
      },
    ]);
  });

  it('checks macro F1 and the guard-trigger and escalation maximums', () => {
    const failures = checkThresholds(metrics, {
      macro_f1: 0.9,
      guard_trigger_rate_max: 0.1,
      escalation_rate_max: 0,
    });
    expect(failures.map((failure) => failure.threshold)).toEqual(['macro_f1', 'guard_trigger_rate_max']);
  });

  it('fails a classification threshold on a suite that measured no classes', () => {
    const [failure] = checkThresholds(suiteMetrics([caseResult('x', true)]), { accuracy: 0.9 });
    expect(failure).toMatchObject({ threshold: 'accuracy', actual: null });
    expect(failure!.message).toMatch(/no case carries an expected class/);
  });
});
