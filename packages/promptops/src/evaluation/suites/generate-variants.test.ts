import { describe, expect, it } from 'vitest';
import type { SuiteCase } from '../eval-types.ts';
import { generateVariants } from './generate-variants.ts';
import { VARIANT_KINDS } from './synthetic-spec.ts';

const testCase: SuiteCase = {
  id: 'late',
  variables: {
    retries: 2,
    customer_message:
      'Hello there, my parcel with the garden furniture has still not arrived and the tracking page says nothing useful at all.',
    company_name: 'Acme',
  },
  assert: [{ type: 'contains', value: 'order' }],
  tags: ['core'],
  source: 'evals/x.yaml:3',
};
const original = testCase.variables.customer_message as string;

function vary(kinds: readonly (typeof VARIANT_KINDS)[number][], seed: number, field?: string) {
  const result = generateVariants(testCase, kinds, { seed, ...(field ? { field } : {}) });
  if (!result.ok) throw new Error(result.message);
  return result.cases;
}
const textOf = (variant: SuiteCase, field = 'customer_message') => variant.variables[field] as string;

describe('generateVariants', () => {
  it('is deterministic: the same seed gives the same variants, another seed other ones', () => {
    expect(vary(VARIANT_KINDS, 7)).toEqual(vary(VARIANT_KINDS, 7));
    const differing = [1, 2, 3].map((seed) =>
      vary(['typos', 'whitespace'], seed)
        .map((variant) => textOf(variant))
        .join('|'),
    );
    expect(new Set(differing).size).toBe(3);
  });

  it('changes only the first string variable, keeps assertions and class, and tags the variant', () => {
    const [variant] = vary(['casing'], 1);
    expect(variant).toMatchObject({
      id: 'late~casing',
      assert: testCase.assert,
      tags: ['core', 'synthetic', 'synthetic:casing'],
      variables: { retries: 2, company_name: 'Acme' },
    });
    expect(textOf(variant!).toLowerCase()).toBe(original.toLowerCase());
    expect(textOf(variant!)).not.toBe(original);
    expect(textOf(vary(['casing'], 1, 'company_name')[0]!, 'company_name')).not.toBe('Acme');
  });

  it('makes each kind of edge case', () => {
    const byKind = Object.fromEntries(
      vary(VARIANT_KINDS, 5).map((variant) => [variant.id.split('~')[1], textOf(variant)]),
    );
    const words = (text: string) => text.split(/\s+/).filter(Boolean);
    const changed = words(byKind.typos!).filter((word, index) => word !== words(original)[index]);
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(byKind.whitespace).toMatch(/^\n\n/);
    expect(byKind.whitespace?.replace(/\s+/g, ' ').trim()).toBe(original);
    expect(byKind.long?.length).toBeGreaterThanOrEqual(8000);
    expect(byKind.long).toContain(original);
    expect(byKind.script).not.toBe(original);
    expect(byKind.injection).toMatch(/ignore|instructions|SYSTEM/i);
    expect(byKind.injection).toContain(original);
    expect(byKind.pii).toMatch(/jane\.doe@example\.com|555-0143|4111 1111 1111 1111/);
    expect(byKind.pii?.startsWith(original)).toBe(true);
  });

  it('uses the built-in script table: another language or look-alike letters', () => {
    const scripts = new Set(
      Array.from(
        { length: 40 },
        (_, seed) => vary(['script'], seed)[0]?.description?.match(/\((?:.*): (.*)\)$/)?.[1],
      ),
    );
    expect(scripts).toEqual(
      new Set([
        'Spanish greeting and closing',
        'German greeting and closing',
        'French greeting and closing',
        'Cyrillic look-alikes',
        'Greek look-alikes',
      ]),
    );
  });

  it('returns a problem for a case with no string variable', () => {
    const result = generateVariants({ ...testCase, variables: { retries: 2 } }, ['typos'], { seed: 1 });
    expect(result).toEqual({ ok: false, message: 'case "late" has no string variable to vary' });
  });
});
