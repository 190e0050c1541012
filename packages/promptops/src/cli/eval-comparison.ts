import { compareRuns, type RunComparison } from '../evaluation/metrics/index.ts';
import type { SuiteReport } from '../evaluation/reports/index.ts';
import type { LoadedSuite } from '../evaluation/suites/index.ts';
import type { EvalSession, TargetChoice } from './eval-session.ts';

export interface SuiteComparisonOptions {
  repeat?: number;
  concurrency?: number;
  alpha: number;
}

/**
 * One suite run on two targets (versions, environments or models), one after the other, then
 * compared case by case (McNemar, Wilcoxon, bootstrap): what `promptops compare` and
 * `promptops migrate-check` both do.
 */
export async function compareSuiteRuns(
  session: EvalSession,
  suite: LoadedSuite,
  sides: readonly [TargetChoice, TargetChoice],
  options: SuiteComparisonOptions,
): Promise<{ reports: [SuiteReport, SuiteReport]; comparison: RunComparison }> {
  const runOptions = {
    ...(options.repeat !== undefined && { repeat: options.repeat }),
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
  };
  const a = await session.run(suite, sides[0], { ...runOptions, label: `${suite.name} A` });
  const b = await session.run(suite, sides[1], { ...runOptions, label: `${suite.name} B` });
  return { reports: [a, b], comparison: compareRuns(a.results, b.results, { alpha: options.alpha }) };
}
