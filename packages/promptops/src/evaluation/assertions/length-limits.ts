import type { AssertionHandler } from './assertion-handler.ts';
import { checkLimit } from './spec-fields.ts';

/** Words are runs of non-space characters. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

/**
 * Sentences end at `.`, `!`, `?` or `…` followed by a space or the end; text without an end mark
 * is one sentence. A heuristic: "e.g. this" counts two.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])["')\]]*\s+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

function lengthLimit(unit: string, measure: (text: string) => number): AssertionHandler {
  return {
    check: (spec) => checkLimit(spec),
    evaluate({ spec, text }) {
      const limit = spec.value as number;
      const count = measure(text);
      return { pass: count <= limit, expected: `at most ${limit} ${unit}`, found: `${count} ${unit}` };
    },
  };
}

/** `max-chars`: at most `value` characters (code points, so an emoji counts one). */
export const maxCharsAssertion = lengthLimit('chars', (text) => [...text].length);
/** `max-words`: at most `value` words. */
export const maxWordsAssertion = lengthLimit('words', countWords);
/** `max-sentences`: at most `value` sentences. */
export const maxSentencesAssertion = lengthLimit('sentences', (text) => splitSentences(text).length);
