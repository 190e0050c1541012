import { describe, expect, it } from 'vitest';
import { binomialTwoSidedP, logChoose } from './binomial-test.ts';
import { bootstrapMeanInterval } from './bootstrap-mean.ts';
import { percentile } from './distribution.ts';
import { mcnemarExact } from './mcnemar-test.ts';
import { normalCdf } from './normal-distribution.ts';
import { pairedTest } from './paired-test.ts';
import { seededRandom } from './seeded-random.ts';
import { signTest } from './sign-test.ts';
import { wilcoxonSignedRank } from './wilcoxon-signed-rank.ts';

describe('exact binomial and McNemar', () => {
  it('give the textbook p for 1 vs 9 discordant pairs: 2 × (1 + 10) / 2^10', () => {
    expect(mcnemarExact(1, 9).pValue).toBeCloseTo(0.021484375, 12);
    expect(mcnemarExact(9, 1).pValue).toBeCloseTo(0.021484375, 12);
  });

  it('cap the two-sided p at 1 and read no discordant pairs as no evidence', () => {
    expect(mcnemarExact(5, 5).pValue).toBe(1);
    expect(mcnemarExact(0, 0).pValue).toBe(1);
  });

  it('stay finite where plain coefficients overflow (C(2000, 1000) > 1e600)', () => {
    expect(logChoose(10, 3)).toBeCloseTo(Math.log(120), 12);
    expect(Number.isFinite(logChoose(2000, 1000))).toBe(true);
    // 1000 of 2000 is the centre: nothing is less likely than it on both sides → p = 1.
    expect(binomialTwoSidedP(1000, 2000)).toBe(1);
    // Normal approximation: z = (900.5 − 1000) / √500 ≈ −4.45 → p ≈ 8.6e-6; exact is of that order.
    const p = binomialTwoSidedP(900, 2000);
    expect(p).toBeGreaterThan(1e-6);
    expect(p).toBeLessThan(2e-5);
  });
});

describe('sign test', () => {
  it('matches the exact binomial (8 of 9 positive → 2 × 10 / 512 = 0.0390625), zeros dropped', () => {
    const result = signTest([1, 2, 3, 4, 5, 6, 7, 8, -1, 0, 0]);
    expect(result).toMatchObject({ method: 'sign-test', n: 9, statistic: 8 });
    expect(result.pValue).toBeCloseTo(0.0390625, 12);
  });
});

describe('Wilcoxon signed-rank, normal approximation with tie and continuity corrections', () => {
  it('reproduces the Wikipedia worked example (n = 10 pairs, one zero; W+ = 27, W− = 18)', () => {
    // https://en.wikipedia.org/wiki/Wilcoxon_signed-rank_test, "Example" (differences x2 − x1).
    // Wikipedia gives W = W+ − W− = 9 with Nr = 9 and 5 tied in one pair. p by hand: mean 22.5,
    // variance 9·10·19/24 − (2³ − 2)/48 = 71.125, z = (27 − 22.5 − 0.5)/√71.125 = 0.4743,
    // p = 0.6353 — SciPy 1.17 `wilcoxon(d, method='approx', correction=True)` gives 0.635289.
    const result = wilcoxonSignedRank([15, -7, 5, 20, 0, -9, 17, -12, 5, -10]);
    expect(result.n).toBe(9);
    expect(result.statistic).toBe(27);
    expect(result.z).toBeCloseTo(0.4743, 4);
    expect(result.pValue).toBeCloseTo(0.635289, 5);
  });

  it('reproduces Hollander & Wolfe example 3.1 (Hamilton depression scale): T+ = 40, approximate p = 0.044', () => {
    // Hollander, Wolfe & Chicken, Nonparametric Statistical Methods, 3rd ed., table 3.1; the same
    // data is R's `?wilcox.test` example (exact p = 0.039). Normal approximation: 0.044011.
    const before = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const after = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const result = wilcoxonSignedRank(before.map((value, index) => value - after[index]!));
    expect(result.statistic).toBe(40);
    expect(result.pValue).toBeCloseTo(0.044011, 5);
  });

  it('corrects the variance for several tie groups (14 non-zero pairs, hand-computed)', () => {
    // |d| ranks: 1,1 → 1.5; 2,2 → 3.5; 3,3 → 5.5; 5,5,5 → 9. W− = 1.5 + 3.5 + 9 = 14, W+ = 91.
    // Variance 14·15·29/24 − (6 + 6 + 6 + 24)/48 = 252.875; z = 38/√252.875 = 2.3896; p = 0.016865
    // (SciPy 1.17 agrees to six digits).
    const result = wilcoxonSignedRank([3, -1, 4, 1, -5, 9, 2, 6, 5, 3, 5, 8, -2, 0, 7]);
    expect(result.statistic).toBe(91);
    expect(result.pValue).toBeCloseTo(0.016865, 5);
  });

  it('does not split ties over float noise', () => {
    const noisy = wilcoxonSignedRank([0.1 + 0.2, -0.3, 0.3, 0.3, 0.1 + 0.2, -0.3, 0.3, 0.3, 0.3, 0.3]);
    expect(noisy.statistic).toBe(8 * 5.5);
  });
});

describe('pairedTest', () => {
  it('uses the exact sign test below ten non-zero differences, Wilcoxon from ten', () => {
    expect(pairedTest([1, 2, 3, 4, 5, 6, 7, 8, 9, 0]).method).toBe('sign-test');
    expect(pairedTest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).method).toBe('wilcoxon-signed-rank');
  });

  it('finds no difference in identical runs', () => {
    expect(pairedTest([0, 0, 0]).pValue).toBe(1);
    expect(pairedTest([]).pValue).toBe(1);
  });
});

describe('normal distribution', () => {
  it('gives Φ(1.96) = 0.975 and Φ(0) = 0.5', () => {
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-3)).toBeCloseTo(0.0013499, 6);
  });
});

describe('percentile', () => {
  it('interpolates between ranks (type 7, as NumPy and R default)', () => {
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(91);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeUndefined();
  });
});

describe('bootstrap interval', () => {
  it('is deterministic for a seed and brackets the sample mean', () => {
    const values = [0.2, -0.1, 0.4, 0.3, 0.0, 0.25, 0.15, -0.05, 0.35, 0.1];
    const first = bootstrapMeanInterval(values, { seed: 7 });
    expect(bootstrapMeanInterval(values, { seed: 7 })).toEqual(first);
    expect(bootstrapMeanInterval(values, { seed: 8 })).not.toEqual(first);
    expect(first!.lower).toBeLessThan(0.16);
    expect(first!.upper).toBeGreaterThan(0.16);
    expect(first!.lower).toBeGreaterThan(-0.1);
    expect(first!.upper).toBeLessThan(0.4);
  });

  it('collapses to the value for a constant sample and is undefined for none', () => {
    expect(bootstrapMeanInterval([0.1, 0.1, 0.1])).toMatchObject({ lower: 0.1, upper: 0.1 });
    expect(bootstrapMeanInterval([])).toBeUndefined();
  });

  it('covers the true mean about 95% of the time', () => {
    const random = seededRandom(99);
    let covered = 0;
    for (let trial = 0; trial < 200; trial += 1) {
      const sample = Array.from({ length: 30 }, () => random());
      const interval = bootstrapMeanInterval(sample, { seed: trial, resamples: 500 })!;
      if (interval.lower <= 0.5 && 0.5 <= interval.upper) covered += 1;
    }
    expect(covered / 200).toBeGreaterThan(0.88);
    expect(covered / 200).toBeLessThan(0.99);
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const first = seededRandom(42);
    const second = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => first());
    expect(Array.from({ length: 1000 }, () => second())).toEqual(values);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
