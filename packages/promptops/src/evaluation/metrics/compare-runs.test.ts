import { describe, expect, it } from 'vitest';
import { compareRuns } from './compare-runs.ts';
import { formatPValue } from './comparison-verdict.ts';
import { caseResult, caseResults } from './test-fixtures.ts';

describe('compareRuns', () => {
  // 80 paired cases: 60 pass in both, 1 regression, 9 improvements, 10 fail in both.
  const runA = [
    ...caseResults('both', 60, true),
    caseResult('regressed', true),
    ...caseResults('improved', 9, false),
    ...caseResults('never', 10, false),
    caseResult('dropped', true),
  ];
  const runB = [
    ...caseResults('both', 60, true),
    caseResult('regressed', false, {
      assertions: [{ type: 'json-path', pass: false, score: 0, weight: 1, reason: 'intent is "other"' }],
    }),
    ...caseResults('improved', 9, true),
    ...caseResults('never', 10, false),
    caseResult('added', true),
  ];
  const comparison = compareRuns(runA, runB);

  it('pairs cases by id and lists flips with the failing side’s reason', () => {
    expect(comparison.paired).toBe(80);
    expect(comparison.regressions).toEqual([
      { caseId: 'regressed', scoreA: 1, scoreB: 0, reason: 'intent is "other"' },
    ]);
    expect(comparison.improvements.map((change) => change.caseId)).toHaveLength(9);
    expect(comparison.improvements[0]).toMatchObject({
      caseId: 'improved-0',
      reason: 'expected "fine" in improved-0',
    });
    expect(comparison.unchanged).toHaveLength(70);
    expect(comparison.onlyInA).toEqual(['dropped']);
    expect(comparison.onlyInB).toEqual(['added']);
  });

  it('tests the pass rate with exact McNemar and states the verdict with its confidence', () => {
    expect(comparison.passRate).toMatchObject({ cases: 80, a: 61 / 80, b: 69 / 80 });
    expect(comparison.passRate.difference).toBeCloseTo(0.1, 12);
    expect(comparison.passRate.test).toMatchObject({ method: 'mcnemar-exact', aOnly: 1, bOnly: 9 });
    expect(comparison.passRate.test.pValue).toBeCloseTo(0.021484375, 12);
    expect(comparison.passRate.significant).toBe(true);
    expect(comparison.passRate.verdict).toBe(
      'B passes more cases (+10.0 points); p = 0.021, significant at 0.05',
    );
  });

  it('says "no significant difference" when the discordant pairs are balanced or few', () => {
    const even = compareRuns(
      [caseResult('x', true), caseResult('y', false), caseResult('z', false)],
      [caseResult('x', false), caseResult('y', true), caseResult('z', true)],
    );
    expect(even.passRate.verdict).toBe('no significant difference (p = 1)');
    const stricter = compareRuns(runA, runB, { alpha: 0.01 });
    expect(stricter.passRate.verdict).toBe('no significant difference (p = 0.021)');
  });

  it('names a significant drop as fewer passes', () => {
    expect(compareRuns(runB, runA).passRate.verdict).toBe(
      'B passes fewer cases (-10.0 points); p = 0.021, significant at 0.05',
    );
  });

  it('compares per-case latency with Wilcoxon and a deterministic bootstrap interval', () => {
    const a = Array.from({ length: 20 }, (_, index) =>
      caseResult(`c${index}`, true, { output: { latencyMs: 1000 + index * 10 } }),
    );
    const b = Array.from({ length: 20 }, (_, index) =>
      caseResult(`c${index}`, true, { output: { latencyMs: 800 + index * 10 + (index % 3) * 5 } }),
    );
    const first = compareRuns(a, b, { metrics: ['latency_ms'] });
    const [latency] = first.metrics;
    expect(latency).toMatchObject({
      metric: 'latency_ms',
      better: 'lower',
      pairs: 20,
      excluded: 0,
      significant: true,
    });
    expect(latency!.test!.method).toBe('wilcoxon-signed-rank');
    expect(latency!.test!.statistic).toBe(0);
    expect(latency!.meanDifference).toBeCloseTo(-200 + (5 * 7 + 10 * 6) / 20, 9);
    expect(latency!.interval!.lower).toBeLessThanOrEqual(latency!.meanDifference!);
    expect(latency!.interval!.upper).toBeGreaterThanOrEqual(latency!.meanDifference!);
    expect(latency!.verdict).toMatch(
      /^B is better on latency \(-195 ms mean; 95% CI -19\d ms to -19\d ms\); p < 0\.001/,
    );
    expect(compareRuns(a, b, { metrics: ['latency_ms'] }).metrics).toEqual(first.metrics);
  });

  it('uses the sign test for few pairs and calls a higher cost worse', () => {
    const a = [1, 2, 3, 4, 5, 6].map((index) =>
      caseResult(`c${index}`, true, { output: { costUsd: 0.001 } }),
    );
    const b = [1, 2, 3, 4, 5, 6].map((index) =>
      caseResult(`c${index}`, true, { output: { costUsd: 0.002 } }),
    );
    const [cost] = compareRuns(a, b, { metrics: ['cost_usd'] }).metrics;
    expect(cost!.test).toMatchObject({ method: 'sign-test', n: 6, statistic: 6 });
    expect(cost!.test!.pValue).toBeCloseTo(2 / 64, 12);
    expect(cost!.verdict).toMatch(/^B is worse on cost \(\+\$0\.001000 mean; /);
  });

  it('leaves cases with an unknown price out of the cost comparison', () => {
    const a = [caseResult('x', true, { output: { costUsd: null } }), caseResult('y', true)];
    const b = [caseResult('x', true), caseResult('y', true)];
    const [cost] = compareRuns(a, b, { metrics: ['cost_usd'] }).metrics;
    expect(cost).toMatchObject({ pairs: 1, excluded: 1 });
    const none = compareRuns([a[0]!], [b[0]!], { metrics: ['cost_usd'] }).metrics[0]!;
    expect(none).toMatchObject({ pairs: 0, test: null, interval: null, significant: false });
    expect(none.verdict).toBe('not compared: no case has a known cost in both runs');
  });

  it('finds no difference in score between identical runs', () => {
    const score = compareRuns(runA, runA).metrics.find((metric) => metric.metric === 'score')!;
    expect(score.test!.pValue).toBe(1);
    expect(score.verdict).toBe('no significant difference in score (p = 1)');
  });

  it('compares classification accuracy when cases carry classes', () => {
    const labelled = (predictedClass: string, index: number) =>
      caseResult(`c${index}`, true, { expectedClass: 'refund', predictedClass });
    const a = Array.from({ length: 12 }, (_, index) => labelled(index < 2 ? 'refund' : 'other', index));
    const b = Array.from({ length: 12 }, (_, index) => labelled('refund', index));
    const { classification } = compareRuns(a, b);
    expect(classification).toMatchObject({ cases: 12, test: { aOnly: 0, bOnly: 10 } });
    expect(classification!.verdict).toBe(
      'B classifies more cases correctly (+83.3 points); p = 0.002, significant at 0.05',
    );
    expect(compareRuns(runA, runB).classification).toBeUndefined();
  });

  it('refuses duplicate case ids', () => {
    expect(() => compareRuns([caseResult('x', true), caseResult('x', false)], [])).toThrow(
      /"x" appears twice in run A/,
    );
  });
});

describe('formatPValue', () => {
  it('gives two significant figures and a floor', () => {
    expect(formatPValue(0.021484375)).toBe('p = 0.021');
    expect(formatPValue(0.4812)).toBe('p = 0.48');
    expect(formatPValue(0.0004)).toBe('p < 0.001');
    expect(formatPValue(1)).toBe('p = 1');
  });
});
