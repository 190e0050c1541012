import { passesMod97 } from './checksums.ts';
import { scoreWithContext } from './context-score.ts';
import type { Detector } from './detector.ts';
import { findMatches } from './detector.ts';

/** IBAN length per country (a common subset of the SWIFT registry). */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SA: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  TR: 26,
};

const IBAN_CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;

export function isIban(candidate: string): boolean {
  const compact = candidate.replace(/ /g, '');
  const expected = IBAN_LENGTHS[compact.slice(0, 2)];
  return expected === compact.length && passesMod97(compact);
}

/**
 * The IBAN at the start of a candidate. In all-caps text the candidate pattern runs on into the next
 * word ("SEND IT TO ES4731170056512090154890 PLEASE" matches up to "PLEASE"), so when the whole match
 * fails, the prefix of the country's length is tried, provided it ends at a word boundary.
 */
function ibanAtStart(text: string, start: number, candidate: string): [number, number] | undefined {
  if (isIban(candidate)) return [start, start + candidate.length];
  const expected = IBAN_LENGTHS[candidate.slice(0, 2)];
  if (expected === undefined) return undefined;
  let characters = 0;
  for (let index = 0; index < candidate.length; index++) {
    if (candidate[index] !== ' ') characters++;
    if (characters < expected) continue;
    const end = start + index + 1;
    if (/\w/.test(text[end] ?? '')) return undefined;
    return isIban(candidate.slice(0, index + 1)) ? [start, end] : undefined;
  }
  return undefined;
}

export const detectIban: Detector = (text) =>
  findMatches(text, IBAN_CANDIDATE, (match) => {
    const span = ibanAtStart(text, match.index, match[0]);
    if (span === undefined) return undefined;
    const score = scoreWithContext(text, span, 0.9, ['iban', 'account', 'bank', 'transfer'], 0.1);
    return { type: 'iban', detector: 'iban', start: span[0], end: span[1], score };
  });
