import type { AssertionResult, CaseOutput, CaseResult } from '../eval-types.ts';

/** An `ok` output; override any field. */
export function caseOutput(overrides: Partial<CaseOutput> = {}): CaseOutput {
  return { output: 'fine', status: 'ok', latencyMs: 100, costUsd: 0.001, verdicts: [], ...overrides };
}

/**
 * A one-repeat case result that passes or fails; `output` and `assertions` shape its repeat, and
 * `repeats` replaces the repeat list outright.
 */
export function caseResult(
  caseId: string,
  pass: boolean,
  overrides: Partial<CaseResult> & { output?: Partial<CaseOutput>; assertions?: AssertionResult[] } = {},
): CaseResult {
  const { output, assertions, ...rest } = overrides;
  const repeat = {
    output: caseOutput(output),
    assertions: assertions ?? [
      pass
        ? { type: 'contains', pass: true, score: 1, weight: 1 }
        : { type: 'contains', pass: false, score: 0, weight: 1, reason: `expected "fine" in ${caseId}` },
    ],
    score: pass ? 1 : 0,
    pass,
  };
  return { caseId, pass, passRate: pass ? 1 : 0, repeats: [repeat], tags: [], ...rest };
}

/** `count` results named `prefix-0`, `prefix-1`, … all passing or all failing. */
export const caseResults = (prefix: string, count: number, pass: boolean): CaseResult[] =>
  Array.from({ length: count }, (_, index) => caseResult(`${prefix}-${index}`, pass));
