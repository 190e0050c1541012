import { hasContext, scoreWithContext } from './context-score.ts';
import type { Detector } from './detector.ts';
import { findMatches } from './detector.ts';

const SSN_CANDIDATE = /(?<![\d-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\d-])/g;
const CONTEXT = ['ssn', 'social security', 'social sec'];

/** Area 000, 666 and 900–999, group 00 and serial 0000 are never issued. */
export function isValidSsn(area: string, group: string, serial: string): boolean {
  const areaNumber = Number(area);
  if (areaNumber === 0 || areaNumber === 666 || areaNumber >= 900) return false;
  return group !== '00' && serial !== '0000';
}

export const detectUsSsn: Detector = (text) =>
  findMatches(text, SSN_CANDIDATE, (match) => {
    const [, area = '', separator = '', group = '', serial = ''] = match;
    if (!isValidSsn(area, group, serial)) return undefined;
    const span: [number, number] = [match.index, match.index + match[0].length];
    // Nine bare digits are an SSN only when the text says so.
    if (separator === '' && !hasContext(text, span, CONTEXT)) return undefined;
    const score = scoreWithContext(text, span, separator === '-' ? 0.6 : 0.5, CONTEXT, 0.35);
    return { type: 'us-ssn', detector: 'us-ssn', start: span[0], end: span[1], score };
  });
