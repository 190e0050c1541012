import type { SuiteCase } from '../eval-types.ts';
import { seededRandom } from './seeded-random.ts';
import type { VariantKind } from './synthetic-spec.ts';
import { VARY_TEXT } from './vary-text.ts';

/** Marks variant ids: `refund-late~typos`. Given ids cannot contain it. */
export const VARIANT_SEPARATOR = '~';
export const SYNTHETIC_TAG = 'synthetic';

export interface VariantOptions {
  /** Same seed, same variants. */
  seed: number;
  /** The string variable to vary; default the case's first string variable. */
  field?: string;
}

export type VariantResult = { ok: true; cases: SuiteCase[] } | { ok: false; message: string };

/**
 * Synthetic edge cases of one case, deterministic for a seed: one case per variant kind, with the
 * id `<case>~<kind>`, the tags `synthetic` and `synthetic:<kind>`, and the case's assertions and
 * expected class (the suite loader replaces the assertions when the suite says `expect:`). Only the
 * chosen string variable changes; a case without one is a problem, returned as a value.
 * @example generateVariants(testCase, ['typos', 'pii'], { seed: 7 }) // { ok: true, cases: [refund-late~typos, refund-late~pii] }
 */
export function generateVariants(
  testCase: SuiteCase,
  variants: readonly VariantKind[],
  options: VariantOptions,
): VariantResult {
  const field = options.field ?? firstStringVariable(testCase.variables);
  if (field === undefined) {
    return { ok: false, message: `case "${testCase.id}" has no string variable to vary` };
  }
  const original = testCase.variables[field];
  if (typeof original !== 'string') {
    return { ok: false, message: `case "${testCase.id}" has no string variable "${field}" to vary` };
  }
  const cases = variants.map((kind): SuiteCase => {
    const random = seededRandom(`${options.seed}|${testCase.id}|${kind}`);
    const varied = VARY_TEXT[kind](original, random);
    return {
      ...testCase,
      id: `${testCase.id}${VARIANT_SEPARATOR}${kind}`,
      description: `${kind} variant of ${testCase.id} (${field}: ${varied.how})`,
      variables: { ...testCase.variables, [field]: varied.text },
      assert: [...testCase.assert],
      tags: [...new Set([...testCase.tags, SYNTHETIC_TAG, `${SYNTHETIC_TAG}:${kind}`])],
    };
  });
  return { ok: true, cases };
}

/** Variables keep the order they were written in, the case's own before defaults' (expand-cases.ts). */
function firstStringVariable(variables: Record<string, unknown>): string | undefined {
  return Object.keys(variables).find((name) => typeof variables[name] === 'string');
}
