import { LOOK_ALIKE_LETTERS } from '../look-alike-letters.ts';

/** Zero-width, bidi-control and other invisible characters removed before detection (inclusive ranges). */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xe0000, 0xe007f],
];

function isInvisible(codePoint: number): boolean {
  return INVISIBLE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}

/** Cyrillic and Greek letters that render like Latin ones. */
const HOMOGLYPHS = LOOK_ALIKE_LETTERS;

export interface NormalisedText {
  readonly original: string;
  readonly text: string;
  /** For each UTF-16 unit of `text`, the start of the original character it came from. */
  readonly starts: readonly number[];
  /** For each UTF-16 unit of `text`, the end of the original character it came from. */
  readonly ends: readonly number[];
}

/**
 * NFKC per character, invisible characters dropped, look-alike letters mapped to Latin.
 * Normalises one code point at a time so every output unit keeps its original position.
 */
export function normaliseText(original: string): NormalisedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  while (index < original.length) {
    // ASCII is its own NFKC form, never invisible and never a look-alike: copied a run at a time
    // (most text is ASCII, and per-character normalize() was most of a scan's time).
    if (original.charCodeAt(index) < 0x80) {
      let end = index + 1;
      while (end < original.length && original.charCodeAt(end) < 0x80) end++;
      text += original.slice(index, end);
      for (let at = index; at < end; at++) {
        starts.push(at);
        ends.push(at + 1);
      }
      index = end;
      continue;
    }
    const codePoint = original.codePointAt(index)!;
    const character = String.fromCodePoint(codePoint);
    const end = index + character.length;
    if (!isInvisible(codePoint)) {
      for (const unit of character.normalize('NFKC')) {
        const mapped = HOMOGLYPHS[unit] ?? unit;
        for (let offset = 0; offset < mapped.length; offset++) {
          starts.push(index);
          ends.push(end);
        }
        text += mapped;
      }
    }
    index = end;
  }
  return { original, text, starts, ends };
}

/** Maps a `[start, end)` span of the normalised text back to the original text. */
export function toOriginalSpan(normalised: NormalisedText, start: number, end: number): [number, number] {
  if (end <= start) {
    const at = normalised.starts[start] ?? normalised.original.length;
    return [at, at];
  }
  return [normalised.starts[start]!, normalised.ends[end - 1]!];
}
