import { describe, expect, it } from 'vitest';
import { grade } from './test-fixtures.ts';

const answer = 'Your refund of $20 was issued today. Anything else?';

describe('contains family', () => {
  it('contains passes on a substring and fails naming the needle and the output', async () => {
    expect(await grade({ type: 'contains', value: 'refund' }, answer)).toEqual({
      type: 'contains',
      pass: true,
      score: 1,
      weight: 1,
    });
    const failed = await grade({ type: 'contains', value: 'Refund' }, answer);
    expect(failed.pass).toBe(false);
    expect(failed.score).toBe(0);
    expect(failed.reason).toBe(
      'expected output containing "Refund", found none in "Your refund of $20 was issued today. Anything else?"',
    );
  });

  it('not-contains fails quoting the match in context', async () => {
    const result = await grade({ type: 'not-contains', value: 'refund' }, answer);
    expect(result.pass).toBe(false);
    expect(result.reason).toMatch(/^expected not output containing "refund", found "Your refund of/);
    expect((await grade({ type: 'not-contains', value: 'cancel' }, answer)).pass).toBe(true);
  });

  it('icontains ignores case; a list for contains means all of them', async () => {
    expect((await grade({ type: 'icontains', value: 'REFUND' }, answer)).pass).toBe(true);
    expect((await grade({ type: 'not-icontains', value: 'REFUND' }, answer)).pass).toBe(false);
    expect((await grade({ type: 'contains', value: ['refund', '$20'] }, answer)).pass).toBe(true);
    const missing = await grade({ type: 'contains', value: ['refund', 'sorry'] }, answer);
    expect(missing.reason).toMatch(/\["sorry"\] missing in/);
  });

  it("contains-any and contains-all take a list or promptfoo's comma-separated string", async () => {
    expect((await grade({ type: 'contains-any', value: 'cancel, refund' }, answer)).pass).toBe(true);
    expect((await grade({ type: 'contains-any', value: ['cancel', 'sorry'] }, answer)).pass).toBe(false);
    expect((await grade({ type: 'not-contains-any', value: ['cancel', 'sorry'] }, answer)).pass).toBe(true);
    expect((await grade({ type: 'contains-all', value: 'refund,today' }, answer)).pass).toBe(true);
    expect((await grade({ type: 'contains-all', value: ['refund', 'sorry'] }, answer)).pass).toBe(false);
    expect((await grade({ type: 'not-contains-all', value: ['refund', 'sorry'] }, answer)).pass).toBe(true);
  });

  it('icontains-any and icontains-all ignore case', async () => {
    expect((await grade({ type: 'icontains-any', value: ['CANCEL', 'TODAY'] }, answer)).pass).toBe(true);
    expect((await grade({ type: 'icontains-all', value: ['REFUND', 'TODAY'] }, answer)).pass).toBe(true);
    expect((await grade({ type: 'icontains-all', value: ['REFUND', 'SORRY'] }, answer)).pass).toBe(false);
  });

  it('starts-with takes a prefix or a list of allowed prefixes', async () => {
    expect((await grade({ type: 'starts-with', value: 'Your refund' }, answer)).pass).toBe(true);
    expect((await grade({ type: 'starts-with', value: ['Hi', 'Your'] }, answer)).pass).toBe(true);
    const failed = await grade({ type: 'starts-with', value: 'Hello' }, answer);
    expect(failed.reason).toBe(
      'expected output starting with "Hello", found "Your refund of $20 was issued today. Any…" (51 chars)',
    );
    expect((await grade({ type: 'not-starts-with', value: 'Hello' }, answer)).pass).toBe(true);
  });
});
