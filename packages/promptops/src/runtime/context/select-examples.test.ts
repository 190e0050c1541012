import { describe, expect, it } from 'vitest';
import type { Example } from '../../catalog/content/example-bank-content.ts';
import { selectExamples } from './select-examples.ts';

const tracking: Example = { input: 'Where is my order? I want to track my package', output: 'tracking' };
const refund: Example = { input: 'I want a refund for a broken toaster, can I return it?', output: 'refund' };
const password: Example = { input: 'How do I reset my password', output: 'account' };
const invoice: Example = { input: 'Please send me the invoice for my last order', output: 'billing' };
const bank = [tracking, refund, password, invoice];

/** A small seeded generator (LCG), so "random" runs are repeatable. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('selectExamples', () => {
  it('picks the example most similar in words and word pairs', () => {
    const { examples, method } = selectExamples('refund for a broken blender', bank, 1);
    expect(examples).toEqual([refund]);
    expect(method).toBe('lexical');
  });

  it('orders the k picks from most to least similar', () => {
    const { examples } = selectExamples('where is my order, has it shipped?', bank, 2);
    expect(examples).toEqual([tracking, invoice]);
  });

  it('counts word pairs: the example sharing the phrase wins over one sharing the same words apart', () => {
    const phrase: Example = { input: 'cancel my subscription today', output: 'phrase' };
    const scattered: Example = { input: 'my cancel today subscription', output: 'scattered' };
    const { examples } = selectExamples('please cancel my subscription', [scattered, phrase], 1);
    expect(examples).toEqual([phrase]);
  });

  it('ignores case and punctuation', () => {
    const { examples } = selectExamples('RESET... PASSWORD!!', bank, 1);
    expect(examples).toEqual([password]);
  });

  it('keeps the bank order among equally similar examples', () => {
    const { examples } = selectExamples('nothing in common', bank, 4);
    expect(examples).toEqual(bank);
  });

  it('takes the first k in `first` mode, whatever the input', () => {
    expect(selectExamples('refund for a broken blender', bank, 2, 'first')).toEqual({
      examples: [tracking, refund],
      method: 'first',
    });
  });

  it('draws k distinct examples with the injected random source in `random` mode, repeatably', () => {
    const first = selectExamples('anything', bank, 3, 'random', seeded(7));
    expect(first.method).toBe('random');
    expect(first.examples).toHaveLength(3);
    expect(new Set(first.examples).size).toBe(3);
    for (const example of first.examples) expect(bank).toContain(example);
    expect(selectExamples('anything', bank, 3, 'random', seeded(7)).examples).toEqual(first.examples);
  });

  it('gives every example the same chance in `random` mode', () => {
    const random = seeded(42);
    const picked = new Map<Example, number>();
    const draws = 20_000;
    for (let draw = 0; draw < draws; draw++) {
      const [example] = selectExamples('anything', bank, 1, 'random', random).examples;
      picked.set(example!, (picked.get(example!) ?? 0) + 1);
    }
    for (const example of bank) {
      expect((picked.get(example) ?? 0) / draws).toBeCloseTo(1 / bank.length, 1);
    }
  });

  it.each(['similarity', 'first', 'random'] as const)(
    'returns the whole bank once when k exceeds it (%s)',
    (mode) => {
      const { examples } = selectExamples('refund', bank, 10, mode, seeded(1));
      expect(examples).toHaveLength(bank.length);
      expect(new Set(examples)).toEqual(new Set(bank));
    },
  );

  it('returns nothing from an empty bank', () => {
    expect(selectExamples('refund', [], 3).examples).toEqual([]);
  });
});
