import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compileLinearPattern, linearRegExpEngine } from './linear-pattern.ts';

describe('compileLinearPattern', () => {
  it('accepts ordinary JavaScript patterns, flags included', () => {
    for (const source of [
      '^[A-Z]{2}-\\d+$',
      '^(ORD|INV)-[0-9]{6}$',
      '^[^@\\s]+@[^@\\s]+$',
      '(?<id>\\d{4})',
      'a\\/b',
    ]) {
      expect(compileLinearPattern(source).ok, source).toBe(true);
    }
    const insensitive = compileLinearPattern('^acme$', 'i');
    expect(insensitive.ok && insensitive.pattern.test('ACME')).toBe(true);
  });

  it('matches patterns that backtrack catastrophically in JavaScript in linear time', () => {
    const compiled = compileLinearPattern('^(a+)+$');
    if (!compiled.ok) throw new Error(compiled.problem);
    expect(compiled.pattern.test(`${'a'.repeat(200_000)}!`)).toBe(false);
    expect(compiled.pattern.test('aaaa')).toBe(true);
  });

  it('finds every match with UTF-16 positions, and steps over empty matches', () => {
    const compiled = compileLinearPattern('x*');
    if (!compiled.ok) throw new Error(compiled.problem);
    expect([...compiled.pattern.matches('😀xx y')].filter((match) => match.text !== '')).toEqual([
      { start: 2, end: 4, text: 'xx' },
    ]);
  });

  it('names what it refuses', () => {
    expect(compileLinearPattern('a(?=b)')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^uses lookahead/),
    });
    expect(compileLinearPattern('(?<!a)b')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^uses lookahead/),
    });
    expect(compileLinearPattern('(a)\\1')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^uses a backreference/),
    });
    expect(compileLinearPattern('([a-z]')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^is not a valid regular expression: missing closing \)/),
    });
    expect(compileLinearPattern('a'.repeat(1001))).toMatchObject({
      ok: false,
      problem: 'is longer than 1000 characters',
    });
    expect(compileLinearPattern('a', 'g')).toMatchObject({
      ok: false,
      problem: 'has flag "g"; only i, m, s and u are allowed',
    });
  });
});

describe('linearRegExpEngine in Ajv', () => {
  it('validates JSON Schema patterns without backtracking', () => {
    const ajv = new Ajv2020({ code: { regExp: linearRegExpEngine } });
    const validate = ajv.compile({ type: 'string', pattern: '^(a|aa)+$' });
    expect(validate('aaaa')).toBe(true);
    expect(validate(`${'a'.repeat(100_000)}b`)).toBe(false);
  });

  it('makes a refused pattern a schema compile error', () => {
    const ajv = new Ajv2020({ code: { regExp: linearRegExpEngine } });
    expect(() => ajv.compile({ type: 'string', pattern: '(a)\\1' })).toThrow(/uses a backreference/);
  });
});
