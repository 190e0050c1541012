import { z } from 'zod';

/**
 * The shape of one assertion as files write it, in eval suites and in a prompt's `sampling.assert`:
 * a `type` plus the fields that type takes. Only the shape lives here, so catalog content stays free
 * of evaluation code; what each type's fields mean is checked by evaluation/assertions
 * (checkAssertionSpec) when the file or content is loaded.
 */
export const AssertionShape = z
  .looseObject({
    type: z
      .string()
      .min(1)
      .describe(
        'equals, contains, icontains, contains-any, contains-all, starts-with, regex, is-json, json-schema, json-path, max-chars, max-words, max-sentences, latency, cost, status, no-pii, guard, tool-call, is-refusal, similar, llm-rubric, readability; prefix not- to negate.',
      ),
    value: z.unknown().optional(),
    weight: z.number().min(0).optional().describe('Weight in the case score; default 1.'),
    threshold: z.number().optional().describe('For scored assertions: the minimum score to pass.'),
  })
  .describe('An assertion: { type, value?, weight?, threshold?, …fields of the type }.');
