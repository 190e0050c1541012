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
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
  І: 'I',
  Ј: 'J',
  Ѕ: 'S',
  Ԁ: 'D',
  Ԛ: 'Q',
  Ԝ: 'W',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
};

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
