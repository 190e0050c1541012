/**
 * The parts of a template no rewrite may touch, masked before the rules run and put back after:
 * Liquid output and tags (`{{ x }}`, `{% render 'f' %}`, a `{% raw %}` block whole), fenced and
 * triple-quoted blocks, XML-style delimiter tags, JSON-looking `{…}`/`[…]` spans and quoted phrases
 * (an exact phrase the model must use is data, not prose). A mask is a private-use character pair
 * around an index, so no rule's pattern (letters, spaces, punctuation) can match inside it.
 */
const PROTECTED = new RegExp(
  [
    String.raw`\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}`,
    String.raw`\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}`,
    String.raw`\{\{[\s\S]*?\}\}`,
    String.raw`\{%[\s\S]*?%\}`,
    '```[\\s\\S]*?(?:```|$)',
    '"""[\\s\\S]*?(?:"""|$)',
    String.raw`<\/?[A-Za-z][\w.:-]*(?:\s[^<>]*)?\/?>`,
    String.raw`\{[^{}\n]*\}`,
    String.raw`\[[^[\]\n]*\]`,
    String.raw`"[^"\n]*"`,
    String.raw`“[^”\n]*”`,
    String.raw`(?<![A-Za-z])'[^'\n]+'(?![A-Za-z])`,
  ].join('|'),
  'g',
);

const OPEN = '\uE000';
const CLOSE = '\uE001';
const MASK = /\uE000(\d+)\uE001/g;

export interface MaskedText {
  /** The text with every protected span replaced by a mask. */
  masked: string;
  /** The protected spans, in order. */
  spans: string[];
}

export function maskProtected(text: string): MaskedText {
  const spans: string[] = [];
  const masked = text.replace(PROTECTED, (span) => {
    spans.push(span);
    return `${OPEN}${spans.length - 1}${CLOSE}`;
  });
  return { masked, spans };
}

export function unmaskProtected(masked: string, spans: readonly string[]): string {
  return masked.replace(MASK, (_, index: string) => spans[Number(index)] ?? '');
}

/** The masks still present in a rewritten text, in order: a rewrite must keep every one. */
export function masksIn(masked: string): string[] {
  return masked.match(MASK) ?? [];
}

export function hasMask(text: string): boolean {
  return text.includes(OPEN);
}
