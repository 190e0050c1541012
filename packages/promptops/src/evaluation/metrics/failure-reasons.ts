import type { CaseResult } from '../eval-types.ts';

/**
 * Why a case failed, in reading order: for each failing repeat, its run error (if the run itself
 * failed) and then the reasons of its failed or unmeasured assertions. Repeats with identical
 * reasons are listed once. Empty for a passing case.
 */
export function failureReasons(result: CaseResult): string[] {
  if (result.pass) return [];
  const reasons = new Set<string>();
  for (const repeat of result.repeats) {
    if (repeat.pass) continue;
    const { error } = repeat.output;
    if (error) reasons.add(`${error.code}: ${error.message}`);
    for (const assertion of repeat.assertions) {
      if (assertion.pass === true) continue;
      reasons.add(
        assertion.reason ?? `${assertion.type} ${assertion.pass === null ? 'unmeasured' : 'failed'}`,
      );
    }
  }
  if (reasons.size === 0)
    reasons.add(`passed ${formatShare(result.passRate)} of repeats, below the required share`);
  return [...reasons];
}

/** The first of `failureReasons`, for one-line listings; undefined for a passing case. */
export const firstFailureReason = (result: CaseResult): string | undefined => failureReasons(result)[0];

const formatShare = (share: number): string => `${Math.round(share * 100)}%`;
