import { extendEnd, extendStart } from './address-tail.ts';
import { contextBefore, scoreWithContext, startOfWordPattern } from './context-score.ts';
import type { Detector, Finding } from './detector.ts';
import { makeFinding } from './detector.ts';

const STREET_SUFFIX =
  'Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Terrace|Tce|Crescent|Cres|Close|Parade|Highway|Hwy|Square|Sq';

/** A house number, one to three capitalised words and a street suffix: `221B Baker Street`. */
const STREET_ADDRESS = new RegExp(
  `\\b\\d{1,5}[A-Za-z]?,? (?:[A-Z][a-z]+ ){1,3}(?:${STREET_SUFFIX})\\b\\.?`,
  'g',
);
/** A number and one or two capitalised words without a suffix ("243 Kingsway"): needs context. */
const BARE_STREET = /\b\d{1,5}[A-Za-z]? [A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?\b/g;

const CONTEXT = ['address', 'live at', 'lives at', 'living at', 'deliver to', 'ship to', 'located at'];
const BARE_CONTEXT = startOfWordPattern([
  'address',
  'live at',
  'lives at',
  'living at',
  'deliver to',
  'delivered to',
  'ship to',
  'shipped to',
  'send to',
  'sent to',
  'moved to',
  'located at',
  'went to',
  'post to',
]);

function addressFinding(text: string, start: number, streetEnd: number, score: number): Finding {
  const begin = extendStart(text, start);
  const { end } = extendEnd(text, streetEnd);
  return makeFinding(text, { type: 'street-address', detector: 'street-address', start: begin, end, score });
}

/**
 * The street line extended over unit, city, region and postcode. A street without a suffix word
 * counts only after an address word and with a city and region or postcode after it.
 * @example detectStreetAddress('Ship to Flat 5, 171 Mill Road, Manchester M14 3LQ', context)[0].text
 * // 'Flat 5, 171 Mill Road, Manchester M14 3LQ'
 */
export const detectStreetAddress: Detector = (text) => {
  const findings: Finding[] = [];
  const covered: [number, number][] = [];
  for (const match of text.matchAll(STREET_ADDRESS)) {
    const streetEnd = match.index + match[0].replace(/[.,]$/, '').length;
    const base = extendEnd(text, streetEnd).hasTail ? 0.65 : 0.55;
    const score = scoreWithContext(text, [match.index, streetEnd], base, CONTEXT, 0.3);
    const finding = addressFinding(text, match.index, streetEnd, score);
    findings.push(finding);
    covered.push([finding.start, finding.end]);
  }
  for (const match of text.matchAll(BARE_STREET)) {
    const start = match.index;
    if (covered.some(([from, to]) => start < to && from < start + match[0].length)) continue;
    const streetEnd = start + match[0].length;
    if (!extendEnd(text, streetEnd).hasTail || !contextBefore(text, start, BARE_CONTEXT, 60)) continue;
    findings.push(addressFinding(text, start, streetEnd, 0.7));
  }
  return findings;
};
