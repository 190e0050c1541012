import { z } from 'zod';
import { AssertionList } from './assertion-spec.ts';

/** Given case ids: `~` is kept for synthetic variants (`refund-late~typos`). */
export const CASE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

export const CaseId = z
  .string()
  .max(100)
  .regex(
    CASE_ID_PATTERN,
    'a case id is letters, digits, "_", ".", ":" and "-", starting with a letter or digit',
  );

export const Tag = z.string().min(1).max(100);

/** One case as written inline, as a JSONL line, or as a CSV row after its special columns are read. */
export const SuiteCaseSpec = z.strictObject({
  id: CaseId.optional().describe('Stable id; default case-<position> (inline) or <file>-<line>.'),
  description: z.string().min(1).optional(),
  variables: z
    .record(z.string(), z.unknown())
    .default({})
    .describe("The target's variables; defaults.variables fill the ones not given."),
  assert: AssertionList.default([]).describe('Checked after defaults.assert.'),
  tags: z.array(Tag).default([]),
  expected_class: z
    .string()
    .min(1)
    .optional()
    .describe('The expected label for classification metrics (read from the output at class_path).'),
});
export type SuiteCaseSpec = z.infer<typeof SuiteCaseSpec>;
