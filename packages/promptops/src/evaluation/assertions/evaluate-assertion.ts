import type { AssertionResult, AssertionServices, AssertionSpec, CaseOutput } from '../eval-types.ts';
import { subjectText } from './assertion-handler.ts';
import { ASSERTION_HANDLERS, parseAssertionType } from './assertion-handlers.ts';
import { checkAssertionSpec } from './check-assertion-spec.ts';
import { truncateReason } from './describe-value.ts';

/**
 * Evaluates one assertion against one case output. `not-<type>` inverts the pass and the score
 * (score → 1 − score); an unmeasured result (pass null) stays unmeasured either way. A spec that
 * checkAssertionSpec refuses fails with the problem as its reason (the loader should have caught it).
 *
 * @example
 * await evaluateAssertion({ type: 'not-contains', value: 'refund' }, output, {})
 * // { type: 'not-contains', pass: false, score: 0, weight: 1, reason: 'expected not output containing "refund", found "…will refund…"' }
 */
export async function evaluateAssertion(
  spec: AssertionSpec,
  output: CaseOutput,
  services: AssertionServices,
): Promise<AssertionResult> {
  const weight = typeof spec.weight === 'number' ? spec.weight : 1;
  const problem = checkAssertionSpec(spec);
  const parsed = parseAssertionType(spec.type);
  if (problem || !parsed)
    return {
      type: spec.type,
      pass: false,
      score: 0,
      weight,
      reason: truncateReason(`invalid assertion: ${problem}`),
    };
  const outcome = await ASSERTION_HANDLERS[parsed.base].evaluate({
    spec,
    output,
    services,
    text: subjectText(output),
  });
  if (outcome.pass === null)
    return { type: spec.type, pass: null, score: 0, weight, reason: truncateReason(outcome.reason) };
  const rawScore = outcome.score ?? (outcome.pass ? 1 : 0);
  const pass = parsed.negated ? !outcome.pass : outcome.pass;
  const score = parsed.negated ? 1 - rawScore : rawScore;
  const result: AssertionResult = { type: spec.type, pass, score, weight };
  if (!pass) {
    const expected = parsed.negated ? `not ${outcome.expected}` : outcome.expected;
    result.reason = truncateReason(`expected ${expected}, found ${outcome.found}`);
  }
  return result;
}

export interface CaseGrade {
  results: AssertionResult[];
  /** sum(score × weight) / sum(weight) over measured assertions; 0 when none with weight was measured. */
  score: number;
  /**
   * Without a threshold: every measured assertion passed. With one: score ≥ threshold. Either way
   * at least one assertion with weight > 0 must have been measured.
   */
  pass: boolean;
  /** How many assertions were unmeasured (pass null); they count neither for nor against. */
  unmeasured: number;
}

// Weighted means of exact 1s can land a hair under 1 in floating point.
const EPSILON = 1e-9;

/**
 * Evaluates a case's assertions (concurrently: judge and embedding calls overlap) and grades it.
 * As in promptfoo, a case passes when all its measured assertions pass, or, when the suite sets a
 * `threshold`, when the weighted score reaches it. (A passing `similar` at 0.9 scores 0.9, so "all
 * pass" is not the same as "score ≥ 1".) Unmeasured assertions are left out of the score and the
 * pass; a case where nothing could be measured fails, so a missing judge never turns a suite green.
 *
 * @example
 * const grade = await evaluateAssertions([{ type: 'contains', value: 'refund', weight: 3 }, { type: 'max-words', value: 50 }], output, {});
 * grade.score // 0.75 when only the max-words assertion failed; grade.pass // false (true with { threshold: 0.75 })
 */
export async function evaluateAssertions(
  specs: readonly AssertionSpec[],
  output: CaseOutput,
  services: AssertionServices,
  options: { threshold?: number } = {},
): Promise<CaseGrade> {
  const results = await Promise.all(specs.map((spec) => evaluateAssertion(spec, output, services)));
  return gradeResults(results, options);
}

/**
 * Grades assertion results: the weighted mean score of those measured (an unmeasured judge counts
 * neither way), and a pass when every measured one passes, or the score reaches `threshold`.
 */
export function gradeResults(results: AssertionResult[], options: { threshold?: number } = {}): CaseGrade {
  const measured = results.filter((result) => result.pass !== null);
  const totalWeight = measured.reduce((total, result) => total + result.weight, 0);
  const score =
    totalWeight > 0
      ? measured.reduce((total, result) => total + result.score * result.weight, 0) / totalWeight
      : 0;
  const reached =
    options.threshold === undefined
      ? measured.every((result) => result.pass || result.weight === 0)
      : score >= options.threshold - EPSILON;
  return { results, score, pass: totalWeight > 0 && reached, unmeasured: results.length - measured.length };
}
