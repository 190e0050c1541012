import type { PairedTestResult } from './paired-test-result.ts';
import { signTest } from './sign-test.ts';
import { wilcoxonSignedRank } from './wilcoxon-signed-rank.ts';

/** Below this many non-zero differences the exact sign test replaces Wilcoxon's normal approximation. */
export const MIN_WILCOXON_PAIRS = 10;

/**
 * The paired test for per-case differences (B minus A): Wilcoxon signed-rank with the normal
 * approximation from ten non-zero pairs, the exact sign test below.
 *
 * @example pairedTest(latenciesB.map((latency, index) => latency - latenciesA[index]!)).pValue
 */
export function pairedTest(differences: readonly number[]): PairedTestResult {
  const wilcoxon = wilcoxonSignedRank(differences);
  return wilcoxon.n >= MIN_WILCOXON_PAIRS ? wilcoxon : signTest(differences);
}
