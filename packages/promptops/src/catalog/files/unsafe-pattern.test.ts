import { describe, expect, it } from 'vitest';
import { findPatternProblem } from './unsafe-pattern.ts';

describe('findPatternProblem', () => {
  it('accepts ordinary patterns', () => {
    for (const pattern of [
      '^[A-Z]{2}-\\d+$',
      '^(ORD|INV)-[0-9]{6}$',
      '^[^@\\s]+@[^@\\s]+$',
      '(ab)?c+',
      '[(+*]+',
    ]) {
      expect(findPatternProblem(pattern), pattern).toBeUndefined();
    }
  });

  it('refuses patterns that can backtrack catastrophically', () => {
    for (const pattern of ['^(a+)+$', '(\\w*x)*', '((ab)*c)+', '^(a|b+){2,}$', '(x+){1,100}']) {
      expect(findPatternProblem(pattern), pattern).toMatch(/exponential time/);
    }
    expect(findPatternProblem('(a)\\1')).toMatch(/backreference/);
  });

  it('refuses invalid regular expressions', () => {
    expect(findPatternProblem('([a-z]')).toMatch(/^is not a valid regular expression/);
  });
});
