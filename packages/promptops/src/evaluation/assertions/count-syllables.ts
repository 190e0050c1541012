/**
 * English syllables by heuristic: vowel groups, less a silent final e / -es / -ed, with fixes for
 * endings the rule gets wrong. Good to about one syllable in ten words, which is all a readability
 * score needs; the `syllable` npm package (wooorm) is more exact but would be a new dependency.
 * @example countSyllables('readability') // 5
 */
export function countSyllables(word: string): number {
  let letters = word.toLowerCase().replace(/[^a-z]/g, '');
  if (letters === '') return 0;
  if (letters.length <= 3) return 1;
  let extra = 0;
  // "table", "little": the silent e is dropped below but the -le is its own syllable.
  if (/[^aeiouy]le$/.test(letters)) extra++;
  // "created", "wanted": -ted / -ded are heard; "jumped", "loved" are not.
  if (/[td]ed$/.test(letters)) extra++;
  letters = letters
    .replace(/(?:(?<=[^laeiouy])es|(?<=[^aeiouy])ed|(?<=[^laeiouy])e|le)$/, '')
    .replace(/^y/, '');
  // Vowel pairs said as two syllables ("create", "video", "dial"), but not in -tion, -cial, -sion.
  const split = letters.match(/(?<![tscgx])i[ao](?!u)|ea(?=t)|eo|iu|ua(?!r)|uo/g)?.length ?? 0;
  const groups = letters.match(/[aeiouy]+/g)?.length ?? 0;
  return Math.max(1, groups + split + extra);
}
