import { AssertionShape } from '../../catalog/content/assertion-shape.ts';
import type { AssertionSpec as AssertionSpecType } from '../eval-types.ts';
import { checkAssertion } from './check-assertion.ts';

/**
 * One assertion as a suite file writes it: a `type` plus the fields that type takes (see
 * eval-types.ts). The type's own fields are checked by the assertions module, through
 * check-assertion.ts, so an unknown type or a missing `value` fails at load with its line.
 */
export const AssertionSpec = AssertionShape.superRefine((spec, context) => {
  for (const problem of checkAssertion(spec as AssertionSpecType)) {
    context.addIssue({ code: 'custom', message: problem.message, path: problem.path ?? [] });
  }
});

export const AssertionList = AssertionSpec.array();
