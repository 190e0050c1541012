import { scoreWithContext } from './context-score.ts';
import type { Detector } from './detector.ts';
import { findMatches } from './detector.ts';

const STREET_SUFFIX =
  'Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Terrace|Tce|Crescent|Cres|Close|Parade|Highway|Hwy|Square|Sq';

/** A house number, one to three capitalised words and a street suffix: `221B Baker Street`. */
const STREET_ADDRESS = new RegExp(
  `\\b\\d{1,5}[A-Za-z]?,? (?:[A-Z][a-z]+ ){1,3}(?:${STREET_SUFFIX})\\b\\.?`,
  'g',
);

const CONTEXT = ['address', 'live at', 'lives at', 'living at', 'deliver to', 'ship to', 'located at'];

export const detectStreetAddress: Detector = (text) =>
  findMatches(text, STREET_ADDRESS, (match) => {
    const span: [number, number] = [match.index, match.index + match[0].length];
    const score = scoreWithContext(text, span, 0.55, CONTEXT, 0.3);
    return { type: 'street-address', detector: 'street-address', start: span[0], end: span[1], score };
  });
