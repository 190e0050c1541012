import type { AssertionHandler } from './assertion-handler.ts';
import { countSyllables } from './count-syllables.ts';
import { splitSentences } from './length-limits.ts';
import { isPlainObject, unknownKeys } from './spec-fields.ts';

export interface ReadabilityScores {
  words: number;
  sentences: number;
  syllables: number;
  /** Flesch reading ease (1948): 0–100, higher is easier; 60–70 is plain English. */
  readingEase: number;
  /** Flesch–Kincaid grade level (1975): the US school grade that can read it. */
  grade: number;
}

/** Undefined for text with no words. Words are runs of letters (numbers and symbols are not read). */
export function readabilityScores(text: string): ReadabilityScores | undefined {
  const sentences = Math.max(1, splitSentences(text).length);
  const words = text.match(/[\p{L}'’-]*\p{L}[\p{L}'’-]*/gu) ?? [];
  if (words.length === 0) return undefined;
  const syllables = words.reduce((total, word) => total + Math.max(1, countSyllables(word)), 0);
  const wordsPerSentence = words.length / sentences;
  const syllablesPerWord = syllables / words.length;
  return {
    words: words.length,
    sentences,
    syllables,
    readingEase: 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord,
    grade: 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59,
  };
}

const FIELDS = ['min_reading_ease', 'max_grade'] as const;

/**
 * `readability`: `value.min_reading_ease` (Flesch reading ease at least this) and/or
 * `value.max_grade` (Flesch–Kincaid grade at most this). English only. The score is 1 when met,
 * else how close it came (ease / minimum, maximum / grade).
 */
export const readabilityAssertion: AssertionHandler = {
  check(spec) {
    if (spec.threshold !== undefined) return 'threshold is not used; write value: { min_reading_ease: 60 }';
    if (!isPlainObject(spec.value))
      return 'value must be a map like { min_reading_ease: 60 } or { max_grade: 8 }';
    const unknown = unknownKeys(spec.value, FIELDS, 'value');
    if (unknown) return unknown;
    const given = FIELDS.filter(
      (field) => spec.value && (spec.value as Record<string, unknown>)[field] !== undefined,
    );
    if (given.length === 0) return 'value needs min_reading_ease or max_grade';
    const wrong = given.find((field) => {
      const limit = (spec.value as Record<string, unknown>)[field];
      return typeof limit !== 'number' || !Number.isFinite(limit);
    });
    return wrong ? `value.${wrong} must be a number` : undefined;
  },
  evaluate({ spec, text }) {
    const limits = spec.value as { min_reading_ease?: number; max_grade?: number };
    const scores = readabilityScores(text);
    if (!scores) return { pass: null, reason: 'no words to score' };
    const ratios: number[] = [];
    const expected: string[] = [];
    const found: string[] = [];
    if (limits.min_reading_ease !== undefined) {
      ratios.push(ratio(scores.readingEase, limits.min_reading_ease));
      expected.push(`reading ease ≥ ${limits.min_reading_ease}`);
      found.push(`reading ease ${scores.readingEase.toFixed(1)}`);
    }
    if (limits.max_grade !== undefined) {
      ratios.push(ratio(limits.max_grade, scores.grade));
      expected.push(`grade ≤ ${limits.max_grade}`);
      found.push(`grade ${scores.grade.toFixed(1)}`);
    }
    const pass =
      (limits.min_reading_ease === undefined || scores.readingEase >= limits.min_reading_ease) &&
      (limits.max_grade === undefined || scores.grade <= limits.max_grade);
    return {
      pass,
      score: pass ? 1 : Math.min(...ratios),
      expected: expected.join(' and '),
      found: found.join(', '),
    };
  },
};

/** How far `have` reaches toward `need` (1 when it gets there), for partial credit. */
function ratio(have: number, need: number): number {
  if (have >= need) return 1;
  if (need <= 0) return 0;
  return Math.max(0, have / need);
}
