import type { GuardSpan } from '../verdict.ts';

/**
 * Finds policy terms (competitor names, banned phrases) in text, case-insensitively, only as whole
 * words: "Globex" matches "globex's offer" but not "globexical". Terms are plain text, never
 * regular expressions, and the scan is linear in the text for each term, so no policy can hang it.
 */
export function findTerms(text: string, terms: readonly string[]): GuardSpan[] {
  const haystack = fold(text);
  const spans: GuardSpan[] = [];
  for (const term of terms) {
    const needle = fold(term.trim());
    if (needle.length === 0) continue;
    let from = 0;
    for (;;) {
      const index = haystack.indexOf(needle, from);
      if (index === -1) break;
      const end = index + needle.length;
      if (isBoundary(haystack, index - 1) && isBoundary(haystack, end))
        spans.push({ start: index, end, label: term });
      from = index + 1;
    }
  }
  return spans.sort((left, right) => left.start - right.start);
}

/** Lower case and collapsed whitespace, keeping one character per character so offsets hold. */
function fold(text: string): string {
  let folded = '';
  for (const character of text) {
    const lower = character.toLowerCase();
    // A few characters lower-case to longer strings (İ → i̇); keep those as they are so offsets hold.
    folded += lower.length === character.length ? lower : character;
  }
  return folded.replace(/\s/g, ' ');
}

function isBoundary(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return true;
  return !/[\p{L}\p{N}_]/u.test(text[index]!);
}
