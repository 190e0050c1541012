import { z } from 'zod';
import type { AssertionSpec as AssertionSpecType } from '../eval-types.ts';
import { checkAssertion } from './check-assertion.ts';

/**
 * One assertion as a suite file writes it: a `type` plus the fields that type takes (see
 * eval-types.ts). The type's own fields are checked by the assertions module, through
 * check-assertion.ts, so an unknown type or a missing `value` fails at load with its line.
 */
export const AssertionSpec = z
  .looseObject({
    type: z
      .string()
      .min(1)
      .describe(
        'equals, contains, icontains, contains-any, contains-all, starts-with, regex, is-json, json-schema, json-path, max-chars, max-words, max-sentences, latency, cost, status, no-pii, guard, is-refusal, similar, llm-rubric, readability; prefix not- to negate.',
      ),
    value: z.unknown().optional(),
    weight: z.number().min(0).optional().describe('Weight in the case score; default 1.'),
    threshold: z.number().optional().describe('For scored assertions: the minimum score to pass.'),
  })
  .superRefine((spec, context) => {
    for (const problem of checkAssertion(spec as AssertionSpecType)) {
      context.addIssue({ code: 'custom', message: problem.message, path: problem.path ?? [] });
    }
  })
  .describe('An assertion: { type, value?, weight?, threshold?, …fields of the type }.');

export const AssertionList = z.array(AssertionSpec);
