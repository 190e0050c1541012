import { describe, expect, it } from 'vitest';
import { suggestName } from './suggest-name.ts';

describe('suggestName', () => {
  const keys = ['temperature', 'top_p', 'max_tokens', 'stop', 'seed'];

  it('finds misspellings, swapped letters, other case and cut-short names', () => {
    expect(suggestName('temprature', keys)).toBe('temperature');
    expect(suggestName('max_tokesn', keys)).toBe('max_tokens');
    expect(suggestName('Seed', keys)).toBe('seed');
    expect(suggestName('temp', keys)).toBe('temperature');
  });

  it('suggests nothing for a name far from every known one', () => {
    expect(suggestName('colour', keys)).toBeUndefined();
    expect(suggestName('x', keys)).toBeUndefined();
    expect(suggestName('temp', keys, { prefixes: false })).toBeUndefined();
  });
});
