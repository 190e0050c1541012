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
