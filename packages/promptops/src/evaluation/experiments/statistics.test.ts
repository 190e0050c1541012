import { describe, expect, it } from 'vitest';
import { fisherExactP } from './fisher-exact-test.ts';
import { normalQuantile } from './normal-quantile.ts';
import { studentTCdf, studentTQuantile, studentTTwoSidedP } from './student-t.ts';
import { compareProportions } from './two-proportion-test.ts';
import { welchTTest } from './welch-t-test.ts';

// Reference values from SciPy 1.17 (scipy.stats.t, norm, ttest_ind(equal_var=False), fisher_exact).

const summary = (values: number[]) => {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { n: values.length, mean, variance };
};

describe('Student t and normal quantiles', () => {
  it('match the tables', () => {
    expect(studentTCdf(2, 10)).toBeCloseTo(0.9633059826, 8);
    expect(studentTCdf(-2, 10)).toBeCloseTo(1 - 0.9633059826, 8);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138852, 6);
    expect(studentTQuantile(0.975, 3.5)).toBeCloseTo(2.940088638, 6);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.70620474, 4);
    expect(studentTTwoSidedP(0, 5)).toBe(1);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 6);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829304, 6);
  });
});

describe('Welch t-test', () => {
  const control = summary([12.1, 14.3, 11.8, 13.5, 12.9, 15.2, 13.1]);
  const treatment = summary([14.8, 15.9, 13.7, 16.4, 15.1, 17.0, 14.2, 15.6]);

  it('gives SciPy ttest_ind(equal_var=False): t, df, p and the 95% interval', () => {
    const result = welchTTest(control, treatment, 0.05)!;
    expect(result.test).toBe('welch-t');
    expect(result.difference).toBeCloseTo(2.0660714286, 9);
    expect(result.statistic).toBeCloseTo(3.4591193028, 8);
    expect(result.degreesOfFreedom).toBeCloseTo(12.4167374173, 8);
    expect(result.pValue).toBeCloseTo(0.0045069562, 8);
    expect(result.interval.lower).toBeCloseTo(0.7695323936, 6);
    expect(result.interval.upper).toBeCloseTo(3.3626104635, 6);
    expect(result.interval.confidence).toBe(0.95);
  });

  it('is symmetric, needs two samples per arm and some spread', () => {
    const reversed = welchTTest(treatment, control, 0.05)!;
    expect(reversed.difference).toBeCloseTo(-2.0660714286, 9);
    expect(reversed.pValue).toBeCloseTo(0.0045069562, 8);
    expect(welchTTest({ n: 1, mean: 3, variance: 0 }, treatment, 0.05)).toBeUndefined();
    // Two constant arms: no test (a p of 0 let a guardrail fire on n = 2).
    expect(welchTTest({ n: 5, mean: 3, variance: 0 }, { n: 5, mean: 3, variance: 0 }, 0.05)).toBeUndefined();
    expect(welchTTest({ n: 2, mean: 3, variance: 0 }, { n: 2, mean: 4, variance: 0 }, 0.05)).toBeUndefined();
    // One constant arm still has the other's spread to test against.
    expect(
      welchTTest({ n: 5, mean: 3, variance: 0 }, { n: 5, mean: 4, variance: 1 }, 0.05)?.pValue,
    ).toBeGreaterThan(0);
  });
});

describe('Fisher exact test', () => {
  it('gives SciPy fisher_exact two-sided p-values', () => {
    expect(fisherExactP(3, 1, 1, 3)).toBeCloseTo(0.4857142857, 9);
    expect(fisherExactP(1, 9, 11, 3)).toBeCloseTo(0.0027594562, 9);
    expect(fisherExactP(0, 20, 5, 15)).toBeCloseTo(0.0471240471, 9);
    expect(fisherExactP(0, 10, 0, 10)).toBe(1);
  });
});

describe('comparing two rates', () => {
  it('uses the pooled z-test with the Newcombe interval when cells are large enough', () => {
    const result = compareProportions({ n: 100, successes: 45 }, { n: 100, successes: 60 }, 0.05)!;
    expect(result.test).toBe('two-proportion-z');
    expect(result.difference).toBeCloseTo(0.15, 12);
    expect(result.statistic).toBeCloseTo(2.1239769762, 6);
    expect(result.pValue).toBeCloseTo(0.0336720689, 6);
    expect(result.interval.lower).toBeCloseTo(0.0117239353, 6);
    expect(result.interval.upper).toBeCloseTo(0.280448521, 6);
  });

  it('switches to Fisher exact for rare events or small arms', () => {
    const result = compareProportions({ n: 20, successes: 0 }, { n: 20, successes: 5 }, 0.05)!;
    expect(result.test).toBe('fisher-exact');
    expect(result.pValue).toBeCloseTo(0.0471240471, 9);
    expect(result.difference).toBeCloseTo(0.25, 12);
    expect(result.interval.lower).toBeGreaterThan(0);
    expect(result.interval.upper).toBeLessThan(0.5);
    expect(compareProportions({ n: 0, successes: 0 }, { n: 10, successes: 1 }, 0.05)).toBeUndefined();
  });
});
