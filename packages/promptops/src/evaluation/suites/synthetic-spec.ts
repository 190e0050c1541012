import { z } from 'zod';
import { AssertionList } from './assertion-spec.ts';
import { CaseId, Tag } from './suite-case-spec.ts';

/** The kinds of synthetic edge case generate-variants.ts makes (README.md says what each does). */
export const VARIANT_KINDS = ['typos', 'casing', 'whitespace', 'long', 'script', 'injection', 'pii'] as const;
export type VariantKind = (typeof VARIANT_KINDS)[number];

/** Which cases a synthetic entry varies: those with one of the ids or one of the tags. */
const VariantSource = z
  .strictObject({
    cases: z.array(CaseId).min(1).optional(),
    tags: z.array(Tag).min(1).optional(),
  })
  .refine((source) => source.cases !== undefined || source.tags !== undefined, {
    message: 'name the cases to vary: cases: [ids] and/or tags: [tags]',
  });

/** `inherit` keeps the case's assertions; a map replaces them (defaults.assert still apply). */
const VariantExpectation = z.union([
  z.literal('inherit'),
  z.strictObject({ assert: AssertionList.min(1, 'give at least one assertion, or expect: inherit') }),
]);

export const SyntheticSpec = z.strictObject({
  from: VariantSource,
  variants: z
    .array(z.enum(VARIANT_KINDS))
    .min(1)
    .refine((variants) => new Set(variants).size === variants.length, {
      message: 'a variant is listed twice',
    }),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(1)
    .describe('Same seed, same variants; change it for different ones.'),
  field: z
    .string()
    .min(1)
    .optional()
    .describe('The string variable to vary; default the first string variable of each case.'),
  expect: VariantExpectation.optional().describe(
    'inherit (the default) or { assert: [...] }. Without it, injection variants of an adversarial suite expect status blocked or escalated.',
  ),
});
export type SyntheticSpec = z.infer<typeof SyntheticSpec>;
