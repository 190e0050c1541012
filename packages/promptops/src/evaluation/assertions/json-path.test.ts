import { describe, expect, it } from 'vitest';
import { parseJsonPath, readJsonPath } from './json-path.ts';

describe('json path subset', () => {
  it('parses dot keys, indexes and quoted keys', () => {
    expect(parseJsonPath('$')).toEqual({ ok: true, segments: [] });
    expect(parseJsonPath("$.items[0]['first name'].order-id")).toEqual({
      ok: true,
      segments: ['items', 0, 'first name', 'order-id'],
    });
    expect(parseJsonPath('$["it\'s"]')).toEqual({ ok: true, segments: ["it's"] });
  });

  it('refuses what it does not support, saying what and where', () => {
    const problem = (path: string) => {
      const parsed = parseJsonPath(path);
      return parsed.ok ? undefined : parsed.problem;
    };
    expect(problem('intent')).toBe('must start with "$", like "$.intent"');
    expect(problem('$..sku')).toMatch(/^uses recursive descent \(\.\.\) at character 2/);
    expect(problem('$.items[*]')).toMatch(/wildcard/);
    expect(problem('$.items[?(@.price > 1)]')).toMatch(/filter or script/);
    expect(problem('$.items[-1]')).toMatch(/negative index/);
    expect(problem('$.items[0:2]')).toMatch(/slice/);
    expect(problem('$.a b')).toMatch(/is not valid at character 4/);
  });

  it('reads a value or reports it missing', () => {
    const value = { items: [{ sku: 'A1' }], meta: null };
    expect(readJsonPath(value, ['items', 0, 'sku'])).toEqual({ found: true, value: 'A1' });
    expect(readJsonPath(value, ['meta'])).toEqual({ found: true, value: null });
    expect(readJsonPath(value, ['items', 1])).toEqual({ found: false });
    expect(readJsonPath(value, ['meta', 'x'])).toEqual({ found: false });
    expect(readJsonPath(value, ['toString'])).toEqual({ found: false });
  });
});
