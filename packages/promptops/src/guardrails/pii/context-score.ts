export const CONTEXT_WINDOW = 40;

/** Raises `base` by `boost` (capped at 1) when a context word appears within the window around a span. */
export function scoreWithContext(
  text: string,
  span: readonly [number, number],
  base: number,
  words: readonly string[],
  boost = 0.2,
): number {
  // Rounded so 0.55 + 0.3 reads as 0.85, not 0.8500000000000001.
  return hasContext(text, span, words) ? Math.round(Math.min(1, base + boost) * 100) / 100 : base;
}

export function hasContext(text: string, span: readonly [number, number], words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const around = text.slice(Math.max(0, span[0] - CONTEXT_WINDOW), span[1] + CONTEXT_WINDOW).toLowerCase();
  return words.some((word) => around.includes(word.toLowerCase()));
}

/** One case-insensitive pattern matching any of `words` at the start of a word ("ip" is not in "ship"). */
export function startOfWordPattern(words: readonly string[]): RegExp {
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![a-z])(?:${escaped.join('|')})`, 'i');
}

/** The window before a span, cut after the last sentence break so the previous sentence does not count. */
export function sentenceBefore(text: string, start: number, window = CONTEXT_WINDOW): string {
  const before = text.slice(Math.max(0, start - window), start);
  let cut = 0;
  for (const found of before.matchAll(/[!?;\n]|\.\s/g)) cut = found.index + found[0].length;
  return before.slice(cut);
}

/**
 * Whether `words` (from `startOfWordPattern`) occur in the same sentence within `window` characters
 * before `start`. Stricter than `hasContext`, which also looks after the span and across sentences.
 *
 * @example contextBefore('Phone: 020 4323 7538! it failed at 1733405049', 35, PHONE_WORDS) // false
 */
export function contextBefore(text: string, start: number, words: RegExp, window = CONTEXT_WINDOW): boolean {
  return words.test(sentenceBefore(text, start, window));
}
