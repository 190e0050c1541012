import { describe, expect, it } from 'vitest';
import { parseModelName } from './model-name.ts';

describe('parseModelName', () => {
  it('reads a prompt with an environment, a version, or neither', () => {
    expect(parseModelName('prompt:support/classify-intent')).toEqual({
      kind: 'prompt',
      name: 'support/classify-intent',
    });
    expect(parseModelName('prompt:support/classify-intent@production')).toEqual({
      kind: 'prompt',
      name: 'support/classify-intent',
      environment: 'production',
    });
    expect(parseModelName('prompt:support/classify-intent#12')).toEqual({
      kind: 'prompt',
      name: 'support/classify-intent',
      version: 12,
    });
  });

  it('takes any other name as an ad-hoc chat model', () => {
    expect(parseModelName('openai/gpt-4o-mini')).toEqual({ kind: 'chat', model: 'openai/gpt-4o-mini' });
    expect(parseModelName('generation')).toEqual({ kind: 'chat', model: 'generation' });
  });

  it('refuses a malformed prompt reference, naming the model field', () => {
    for (const [model, why] of [
      ['prompt:a@production#3', 'not both'],
      ['prompt:Support/X', 'is not a prompt name'],
      ['prompt:a@3', 'is not an environment name'],
      ['prompt:a#0', 'is not a version number'],
      ['prompt:', 'is not a prompt name'],
    ] as const) {
      expect(() => parseModelName(model), model).toThrow(why);
    }
    expect(() => parseModelName('prompt:a#x')).toThrow(
      expect.objectContaining({ code: 'invalid_argument', details: { parameter: 'model' } }),
    );
  });
});
