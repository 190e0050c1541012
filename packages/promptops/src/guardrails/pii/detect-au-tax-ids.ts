import { passesAbnChecksum, passesTfnChecksum } from './checksums.ts';
import { scoreWithContext } from './context-score.ts';
import type { Detector } from './detector.ts';
import { findMatches } from './detector.ts';

const TFN_CANDIDATE = /(?<![\d-])\d{3}([ -]?)\d{3}\1\d{3}(?![\d-])/g;
const ABN_CANDIDATE = /(?<![\d-])\d{2}( ?)\d{3}\1\d{3}\1\d{3}(?![\d-])/g;

export const detectAuTfn: Detector = (text) =>
  findMatches(text, TFN_CANDIDATE, (match) => {
    if (!passesTfnChecksum(match[0])) return undefined;
    const span: [number, number] = [match.index, match.index + match[0].length];
    const score = scoreWithContext(text, span, 0.5, ['tfn', 'tax file'], 0.4);
    return { type: 'au-tfn', detector: 'au-tfn', start: span[0], end: span[1], score };
  });

export const detectAuAbn: Detector = (text) =>
  findMatches(text, ABN_CANDIDATE, (match) => {
    if (!passesAbnChecksum(match[0])) return undefined;
    const span: [number, number] = [match.index, match.index + match[0].length];
    const score = scoreWithContext(text, span, 0.5, ['abn', 'australian business'], 0.4);
    return { type: 'au-abn', detector: 'au-abn', start: span[0], end: span[1], score };
  });
