import { describe, expect, it } from 'vitest';
import type { AssertionServices } from '../eval-types.ts';
import { cosineSimilarity } from './similar.ts';
import { grade } from './test-fixtures.ts';

/** Fake embeddings: a fixed vector per text, so the similarity is known exactly. */
function embedding(vectors: Record<string, number[]>): AssertionServices {
  return { embed: async (texts) => texts.map((text) => vectors[text] ?? [0, 0, 1]) };
}

const services = embedding({
  'Your refund is on its way.': [1, 0, 0],
  'We have issued your refund.': [0.9, Math.sqrt(1 - 0.81), 0],
  'The weather is nice.': [0, 1, 0],
});

describe('cosine similarity', () => {
  it('is 1 for the same direction, 0 for orthogonal and for zero vectors', () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
  });
});

describe('similar', () => {
  it('passes at or above the threshold (default 0.8) and scores the similarity', async () => {
    const result = await grade(
      { type: 'similar', value: 'We have issued your refund.' },
      'Your refund is on its way.',
      services,
    );
    expect(result.pass).toBe(true);
    expect(result.score).toBeCloseTo(0.9);
    const strict = await grade(
      { type: 'similar', value: 'We have issued your refund.', threshold: 0.95 },
      'Your refund is on its way.',
      services,
    );
    expect(strict.pass).toBe(false);
    expect(strict.reason).toBe(
      'expected similarity ≥ 0.95 to "We have issued your refund.", found similarity 0.900',
    );
  });

  it('with a list, the closest value counts', async () => {
    const result = await grade(
      { type: 'similar', value: ['The weather is nice.', 'We have issued your refund.'] },
      'Your refund is on its way.',
      services,
    );
    expect(result.pass).toBe(true);
  });

  it('not-similar inverts pass and score', async () => {
    const result = await grade(
      { type: 'not-similar', value: 'The weather is nice.' },
      'Your refund is on its way.',
      services,
    );
    expect(result).toMatchObject({ pass: true, score: 1 });
    const failed = await grade(
      { type: 'not-similar', value: 'We have issued your refund.' },
      'Your refund is on its way.',
      services,
    );
    expect(failed.pass).toBe(false);
    expect(failed.score).toBeCloseTo(0.1);
  });

  it('is unmeasured without an embedding service or when it fails', async () => {
    expect(await grade({ type: 'similar', value: 'x' }, 'y')).toMatchObject({
      pass: null,
      reason: 'no embedding service configured',
    });
    const broken: AssertionServices = { embed: async () => Promise.reject(new Error('rate limited')) };
    expect(await grade({ type: 'similar', value: 'x' }, 'y', broken)).toMatchObject({
      pass: null,
      reason: 'embedding failed: rate limited',
    });
    const short: AssertionServices = { embed: async () => [[1, 0]] };
    expect((await grade({ type: 'similar', value: 'x' }, 'y', short)).pass).toBeNull();
  });
});
