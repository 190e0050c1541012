import { binomialTwoSidedP } from './binomial-test.ts';
import { nonZero, type PairedTestResult } from './paired-test-result.ts';

/**
 * The exact sign test on paired differences: zeros dropped, the count of positive differences is
 * Binomial(n, 1/2) under "no difference" (Conover, Practical Nonparametric Statistics, 3rd ed.,
 * section 3.4). Used below ten pairs, where Wilcoxon's normal approximation is unreliable.
 *
 * @example signTest([1, 2, 3, 4, 5, 6, 7, 8, -1]).pValue // 0.0390625 = 2 × 10 / 512
 */
export function signTest(differences: readonly number[]): PairedTestResult {
  const used = nonZero(differences);
  const positives = used.filter((difference) => difference > 0).length;
  return {
    method: 'sign-test',
    n: used.length,
    statistic: positives,
    pValue: binomialTwoSidedP(positives, used.length),
  };
}
