import { LOOK_ALIKE_LETTERS } from '../look-alike-letters.ts';
import { allMatches, type Token } from './match-words.ts';

// Text normalisation shared by every injection signal: attackers hide keywords behind look-alike
// letters (Cyrillic "о" for Latin "o"), zero-width characters and full-width forms.

/** Only the first 64 KB of a message are scanned; results say when the rest was left out. */
export const MAX_SCAN_CHARS = 65_536;

const ZERO_WIDTH = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

// The same look-alike table as the PII normaliser (guardrails/look-alike-letters.ts).
const LOOK_ALIKES = LOOK_ALIKE_LETTERS;
const LOOK_ALIKE_PATTERN = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g');

export type ScanText = {
  /** NFKC, zero-width characters removed, look-alikes mapped to Latin, lower case, runs of spaces as one. */
  text: string;
  /** As `text` but keeping the input's case ("DAN" versus "Dan"). */
  cased: string;
  /** True when the input was longer than {@link MAX_SCAN_CHARS} and only its start was read. */
  truncated: boolean;
  /** Zero-width characters found inside the scanned part. */
  zeroWidthCount: number;
  /** Words that mix Latin letters with Cyrillic or Greek ones, a typical homoglyph trick. */
  mixedScriptWords: number;
};

const MIXED_WORD = /[\p{L}]+/gu;
const HORIZONTAL_SPACE = /[ \t]{2,}/g;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

/**
 * Normalise a message before matching. Offsets in signal spans refer to `text`, not the input.
 * @example normalizeForScan('іgnore\u200B previous').text // 'ignore previous'
 */
export function normalizeForScan(input: string): ScanText {
  const truncated = input.length > MAX_SCAN_CHARS;
  const head = truncated ? input.slice(0, MAX_SCAN_CHARS) : input;
  const nfkc = head.normalize('NFKC');
  const zeroWidthCount = nfkc.match(ZERO_WIDTH)?.length ?? 0;
  const visible = nfkc.replace(ZERO_WIDTH, '');
  let mixedScriptWords = 0;
  for (const word of visible.match(MIXED_WORD) ?? []) {
    if (LATIN.test(word) && CYRILLIC_OR_GREEK.test(word)) mixedScriptWords += 1;
  }
  // Runs of spaces and tabs become one space, so "ignore   previous" reads as "ignore previous".
  // Look-alikes first, then lower case: Greek capital Ν is a Latin N, its lower case ν a Latin v.
  const text = visible
    .replace(LOOK_ALIKE_PATTERN, (letter) => LOOK_ALIKES[letter] ?? letter)
    .toLowerCase()
    .replace(HORIZONTAL_SPACE, ' ');
  return { text, cased: visible, truncated, zeroWidthCount, mixedScriptWords };
}

export type { Token } from './match-words.ts';

const WORD = /[\p{L}\p{N}_']+/gu;

const tokensByScan = new WeakMap<ScanText, readonly Token[]>();

/** The words of `scan.text`, split once per scan however many signals read them. */
export function tokensOf(scan: ScanText): readonly Token[] {
  let tokens = tokensByScan.get(scan);
  if (tokens === undefined) {
    tokens = tokenize(scan.text);
    tokensByScan.set(scan, tokens);
  }
  return tokens;
}

/** Words of a normalised text with their offsets (one pass, linear time). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of allMatches(text, WORD)) {
    const start = match.index;
    tokens.push({ word: match[0], start, end: start + match[0].length });
  }
  return tokens;
}
