import { scoreWithContext } from './context-score.ts';
import type { Detector } from './detector.ts';
import { findMatches } from './detector.ts';

/** First letter never D F I Q U V; second never D F I O Q U V; suffix A–D. */
const NINO_CANDIDATE = /\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g;
const UNUSED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export const detectUkNino: Detector = (text) =>
  findMatches(text, NINO_CANDIDATE, (match) => {
    if (UNUSED_PREFIXES.has(match[1] ?? '')) return undefined;
    const span: [number, number] = [match.index, match.index + match[0].length];
    const score = scoreWithContext(
      text,
      span,
      0.7,
      ['national insurance', 'nino', 'ni number', 'ni no'],
      0.25,
    );
    return { type: 'uk-nino', detector: 'uk-nino', start: span[0], end: span[1], score };
  });
