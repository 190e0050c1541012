import { describe, expect, it } from 'vitest';
import { grade } from './test-fixtures.ts';

describe('regex', () => {
  it('matches anywhere, with optional flags', async () => {
    expect((await grade({ type: 'regex', value: 'ORD-\\d{6}' }, 'Order ORD-123456 shipped')).pass).toBe(true);
    expect((await grade({ type: 'regex', value: 'ord-\\d{6}' }, 'Order ORD-123456')).pass).toBe(false);
    expect((await grade({ type: 'regex', value: 'ord-\\d{6}', flags: 'i' }, 'Order ORD-123456')).pass).toBe(
      true,
    );
  });

  it('names the pattern and the output when nothing matches', async () => {
    const result = await grade({ type: 'regex', value: '^\\d+$' }, 'forty two');
    expect(result.reason).toBe('expected output matching /^\\d+$/, found no match in "forty two"');
  });

  it('not-regex fails showing the match', async () => {
    const result = await grade({ type: 'not-regex', value: '\\d{3}-\\d{2}-\\d{4}' }, 'SSN is 123-45-6789 ok');
    expect(result.pass).toBe(false);
    expect(result.reason).toContain('"SSN is 123-45-6789 ok"');
    expect((await grade({ type: 'not-regex', value: 'x' }, 'abc')).pass).toBe(true);
  });

  it('runs in linear time on a pattern that would make a backtracking engine hang', async () => {
    const started = performance.now();
    const result = await grade({ type: 'regex', value: '^(a+)+$' }, `${'a'.repeat(5000)}!`);
    expect(result.pass).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
