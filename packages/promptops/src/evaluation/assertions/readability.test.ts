import { describe, expect, it } from 'vitest';
import { countSyllables } from './count-syllables.ts';
import { readabilityScores } from './readability.ts';
import { grade } from './test-fixtures.ts';

const plain = 'The cat sat on the mat. It was a sunny day. We had fun.';
const dense =
  'Notwithstanding the aforementioned contractual obligations, the organisation shall indemnify stakeholders comprehensively regarding unanticipated operational irregularities.';

describe('syllables', () => {
  it.each([
    ['cat', 1],
    ['table', 2],
    ['little', 2],
    ['jumped', 1],
    ['wanted', 2],
    ['created', 3],
    ['make', 1],
    ['hello', 2],
    ['beautiful', 3],
    ['readability', 5],
    ['organisation', 5],
    ['video', 3],
    ['nation', 2],
    ['special', 2],
    ['simple', 2],
    ['loved', 1],
    ['queue', 1],
    ["don't", 1],
  ])('%s has %i', (word, count) => {
    expect(countSyllables(word)).toBe(count);
  });
});

describe('readability scores', () => {
  it('scores plain text as easy and dense text as hard', () => {
    const easy = readabilityScores(plain);
    const hard = readabilityScores(dense);
    expect(easy).toMatchObject({ words: 14, sentences: 3 });
    expect(easy?.readingEase).toBeGreaterThan(90);
    expect(easy?.grade).toBeLessThan(2);
    expect(hard?.readingEase).toBeLessThan(0);
    expect(hard?.grade).toBeGreaterThan(20);
    expect(readabilityScores('42 — 17')).toBeUndefined();
  });
});

describe('readability', () => {
  it('min_reading_ease and max_grade pass on plain text and fail on dense text', async () => {
    expect((await grade({ type: 'readability', value: { min_reading_ease: 60 } }, plain)).pass).toBe(true);
    expect((await grade({ type: 'readability', value: { max_grade: 8 } }, plain)).pass).toBe(true);
    const failed = await grade({ type: 'readability', value: { min_reading_ease: 60, max_grade: 8 } }, dense);
    expect(failed.pass).toBe(false);
    expect(failed.score).toBe(0);
    expect(failed.reason).toMatch(
      /^expected reading ease ≥ 60 and grade ≤ 8, found reading ease -\d+\.\d, grade \d+\.\d$/,
    );
  });

  it('gives partial credit when close', async () => {
    const result = await grade({ type: 'readability', value: { min_reading_ease: 120 } }, plain);
    expect(result.pass).toBe(false);
    expect(result.score).toBeGreaterThan(0.7);
    expect(result.score).toBeLessThan(1);
  });

  it('not-readability inverts; text without words is unmeasured', async () => {
    expect((await grade({ type: 'not-readability', value: { max_grade: 8 } }, dense)).pass).toBe(true);
    expect((await grade({ type: 'readability', value: { max_grade: 8 } }, '')).pass).toBeNull();
  });
});
