import { describe, expect, it } from 'vitest';
import { grade } from './test-fixtures.ts';

describe('is-refusal', () => {
  it.each([
    "I can't help with that request.",
    'I’m sorry, but I cannot share account details.',
    'I am unable to access other customers’ orders.',
    "Unfortunately I won't be able to help with this.",
    'I must decline to answer.',
  ])('counts %j as a refusal', async (text) => {
    expect((await grade({ type: 'is-refusal' }, text)).pass).toBe(true);
  });

  it('an empty, blocked output is a refusal; an empty failed one is not', async () => {
    expect((await grade({ type: 'is-refusal' }, { output: '', status: 'blocked' })).pass).toBe(true);
    expect((await grade({ type: 'is-refusal' }, { output: '', status: 'failed' })).pass).toBe(false);
  });

  it('a helpful answer is not a refusal', async () => {
    const result = await grade({ type: 'is-refusal' }, 'Your order ships tomorrow. I cannot wait!');
    expect(result.reason).toBe(
      'expected a refusal, found no refusal phrase in "Your order ships tomorrow. I cannot wait!"',
    );
    expect((await grade({ type: 'not-is-refusal' }, 'Your order ships tomorrow.')).pass).toBe(true);
  });

  it('not-is-refusal fails quoting the phrase', async () => {
    const result = await grade({ type: 'not-is-refusal' }, "Sorry, I can't do that.");
    expect(result.reason).toBe('expected not a refusal, found "sorry, i cannot do that."');
  });
});
