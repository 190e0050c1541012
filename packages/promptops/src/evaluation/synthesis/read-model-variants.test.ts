import { describe, expect, it } from 'vitest';
import { MAX_VARIANT_CHARS, readModelVariants } from './read-model-variants.ts';

const read = (answer: string, seen = new Set<string>()) =>
  readModelVariants(answer, { count: 2, original: 'Where is my parcel?', seen });

describe('readModelVariants', () => {
  it('keeps up to count texts of a {"variants"} answer, fenced or not, trimmed', () => {
    expect(read('{"variants": [" Has my parcel shipped? ", "parcel status pls", "a third"]}')).toEqual({
      texts: ['Has my parcel shipped?', 'parcel status pls'],
      refused: ['variant 3 is more than the 2 asked for'],
    });
    expect(read('```json\n{"variants": ["Has my parcel shipped?"]}\n```').texts).toEqual([
      'Has my parcel shipped?',
    ]);
  });

  it('refuses the original, repeats across calls, empty, non-string and over-long texts', () => {
    const seen = new Set<string>();
    expect(read('{"variants": ["Has my parcel shipped?"]}', seen).texts).toHaveLength(1);
    const second = read(
      JSON.stringify({
        variants: [
          '  WHERE is my   parcel? ',
          'has my PARCEL shipped?',
          '',
          7,
          'x'.repeat(MAX_VARIANT_CHARS + 1),
        ],
      }),
      seen,
    );
    expect(second.texts).toEqual([]);
    expect(second.refused).toEqual([
      'variant 1 is the original text',
      'variant 2 repeats one already written: "has my PARCEL shipped?"',
      'variant 3 is not a non-empty string',
      'variant 4 is not a non-empty string',
      `variant 5 is longer than ${MAX_VARIANT_CHARS} characters`,
    ]);
  });

  it('refuses an answer that is not the JSON asked for, whole', () => {
    expect(read('Sure! Here are two variants: 1. …')).toEqual({
      texts: [],
      refused: ['the answer is not JSON: "Sure! Here are two variants: 1. …"'],
    });
    expect(read('["Has my parcel shipped?"]').refused).toEqual([
      'the answer has no "variants" list: "["Has my parcel shipped?"]"',
    ]);
    expect(read('null').texts).toEqual([]);
  });
});
