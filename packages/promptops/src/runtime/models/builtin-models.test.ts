import { expect, test } from 'vitest';
import { BUILTIN_MODELS, PRICES_AS_OF } from './builtin-models.ts';

test('the table is dated', () => {
  expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(Number.isNaN(Date.parse(PRICES_AS_OF))).toBe(false);
});

test('no model name or alias is listed twice (a lookup would silently take the last)', () => {
  const names = BUILTIN_MODELS.flatMap((model) => [model.name, ...model.aliases]);
  expect(names.length).toBe(new Set(names).size);
});

test('every price is sane: cached below input, long-context above the base rates', () => {
  for (const { name, rates, capabilities } of BUILTIN_MODELS) {
    expect(rates.inputPerMtok, name).toBeGreaterThan(0);
    if (rates.cachedInputPerMtok !== undefined)
      expect(rates.cachedInputPerMtok, name).toBeLessThan(rates.inputPerMtok);
    if (rates.longContext) expect(rates.longContext.inputPerMtok, name).toBeGreaterThan(rates.inputPerMtok);
    if (capabilities.embeddings) expect(rates.outputPerMtok, name).toBe(0);
    else expect(rates.outputPerMtok, name).toBeGreaterThan(rates.inputPerMtok);
  }
});

test('the seed’s router models and the common embedding model are listed', () => {
  const names = new Set(BUILTIN_MODELS.map((model) => model.name));
  for (const name of [
    'gpt-4o',
    'gpt-4o-mini',
    'claude-sonnet-4-5',
    'gemini-2.5-flash',
    'text-embedding-3-small',
  ]) {
    expect(names.has(name), name).toBe(true);
  }
});
