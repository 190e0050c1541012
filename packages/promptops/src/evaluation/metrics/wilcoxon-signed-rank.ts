import { twoSidedNormalP } from './normal-distribution.ts';
import { nonZero, type PairedTestResult } from './paired-test-result.ts';

/**
 * Wilcoxon's signed-rank test with the normal approximation, as R's `wilcox.test(paired = TRUE,
 * exact = FALSE, correct = TRUE)` and SciPy's `wilcoxon(method = 'approx', correction = True)`:
 * zero differences dropped (Wilcoxon's convention), tied |differences| given their mean rank, the
 * variance reduced by Σ(t³ − t)/48 over tie groups of size t, and a 0.5 continuity correction
 * (Hollander, Wolfe & Chicken, Nonparametric Statistical Methods, 3rd ed., section 3.1).
 *
 * @example wilcoxonSignedRank(differences) // { method: 'wilcoxon-signed-rank', n, statistic: W+, z, pValue }
 */
export function wilcoxonSignedRank(differences: readonly number[]): PairedTestResult {
  const used = nonZero(differences);
  const n = used.length;
  if (n === 0) return { method: 'wilcoxon-signed-rank', n, statistic: 0, z: 0, pValue: 1 };
  // Rank by |difference| rounded to 12 significant digits, so float noise does not split a tie.
  const ordered = used
    .map((difference) => ({
      magnitude: Number(Math.abs(difference).toPrecision(12)),
      positive: difference > 0,
    }))
    .sort((left, right) => left.magnitude - right.magnitude);
  let positiveRankSum = 0;
  let tieCorrection = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && ordered[end + 1]!.magnitude === ordered[start]!.magnitude) end += 1;
    const size = end - start + 1;
    const rank = (start + end) / 2 + 1;
    for (let index = start; index <= end; index += 1) if (ordered[index]!.positive) positiveRankSum += rank;
    tieCorrection += size ** 3 - size;
    start = end + 1;
  }
  const expected = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieCorrection / 48;
  const deviation = positiveRankSum - expected;
  const corrected = Math.max(0, Math.abs(deviation) - 0.5);
  const z = variance > 0 ? (Math.sign(deviation) * corrected) / Math.sqrt(variance) : 0;
  return { method: 'wilcoxon-signed-rank', n, statistic: positiveRankSum, z, pValue: twoSidedNormalP(z) };
}
