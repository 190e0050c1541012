import type { AssertionServices, AssertionSpec, CaseOutput } from '../eval-types.ts';

/** What a handler is given: the spec with the `not-` already taken off, and the text under test. */
export interface AssertionInput {
  spec: AssertionSpec;
  output: CaseOutput;
  services: AssertionServices;
  /** `output.output`, or `output.rendered` for a render-only case (see subjectText). */
  text: string;
}

/**
 * A measured outcome says what was expected and what was found, so a negated assertion can word its
 * own failure ("expected not …"); an unmeasured one says why it could not be measured.
 */
export type AssertionOutcome =
  | { pass: boolean; score?: number; expected: string; found: string }
  | { pass: null; reason: string };

/** One assertion type: a load-time check of its fields and the evaluation itself. */
export interface AssertionHandler {
  /** A problem with the type's own fields, worded as `<field> …`; undefined when they are fine. */
  check(spec: AssertionSpec): string | undefined;
  evaluate(input: AssertionInput): AssertionOutcome | Promise<AssertionOutcome>;
}

/**
 * The text the text assertions look at. A render-only fragment case has no model call: its output
 * is '' and `rendered` holds the template's text, so the same assertions apply to that.
 */
export function subjectText(output: CaseOutput): string {
  return output.output === '' && output.rendered !== undefined ? output.rendered : output.output;
}
