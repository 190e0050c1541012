import type { AssertionServices, AssertionSpec, CaseOutput } from '../eval-types.ts';
import { evaluateAssertion } from './evaluate-assertion.ts';

/** A successful run's output; override what the test is about. */
export function caseOutput(overrides: Partial<CaseOutput> = {}): CaseOutput {
  return { output: '', status: 'ok', latencyMs: 120, costUsd: 0.0004, verdicts: [], ...overrides };
}

/** Evaluates one assertion against an output text (or a full output) with the given services. */
export function grade(
  spec: AssertionSpec,
  output: string | Partial<CaseOutput>,
  services: AssertionServices = {},
) {
  return evaluateAssertion(spec, caseOutput(typeof output === 'string' ? { output } : output), services);
}
