import type { CountryCode } from 'libphonenumber-js';
import { findPhoneNumbersInText, isSupportedCountry } from 'libphonenumber-js';
import { passesLuhn } from './checksums.ts';
import { scoreWithContext } from './context-score.ts';
import type { Detector, Finding } from './detector.ts';
import { makeFinding } from './detector.ts';

const CONTEXT = ['phone', 'tel', 'mobile', 'cell', 'call', 'whatsapp', 'fax', 'contact'];
const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const VERSION = /^v?\d+(?:\.\d+){2,}/i;
const TOKEN_CHARACTER = /[\w.:/-]/;

/** The whitespace-free word around a span: a phone inside a GUID, URL or version string is not a phone. */
function surroundingToken(text: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from > 0 && TOKEN_CHARACTER.test(text[from - 1]!)) from--;
  while (to < text.length && TOKEN_CHARACTER.test(text[to]!)) to++;
  // Sentence punctuation around a number is not part of the token.
  return text.slice(from, to).replace(/^[.:/-]+|[.:/-]+$/g, '');
}

function isFalsePositive(text: string, start: number, end: number): boolean {
  const candidate = text.slice(start, end);
  const token = surroundingToken(text, start, end);
  if (token !== candidate && /[A-Za-z_.:/]/.test(token.replace(candidate, ''))) return true;
  if (GUID.test(token) || VERSION.test(candidate) || VERSION.test(token)) return true;
  const digits = candidate.replace(/\D/g, '');
  if (/^(\d)\1+$/.test(digits)) return true;
  // ISBN-13s (978/979 prefix) are book numbers, not phones.
  if (digits.length === 13 && /^97[89]/.test(digits)) return true;
  // Card numbers are found by their own detector.
  return digits.length >= 13 && passesLuhn(digits);
}

/**
 * Digit runs that could be a phone number. libphonenumber only sees these short windows, which keeps
 * the scan linear on large inputs; a run inside a longer digit string is never a candidate.
 */
const CANDIDATE = /(?<![\w+])(?:\+|\()?\d[\d ().\u00A0-]{5,26}\d(?![\d])/g;

/** Candidates checked with libphonenumber per scan; past this, plausible runs are flagged unverified. */
export const MAX_VERIFIED_PHONE_CANDIDATES = 2000;

/** Past the budget, a run of 10–15 digits is reported at a low score rather than silently skipped. */
function unverifiedFinding(text: string, start: number, end: number): Finding | undefined {
  const digits = text.slice(start, end).replace(/\D/g, '');
  const digitCount = digits.length;
  if (/^(\d)\1+$/.test(digits) || digitCount < 10 || digitCount > 15 || isFalsePositive(text, start, end))
    return undefined;
  return makeFinding(text, { type: 'phone', detector: 'phone/unverified', start, end, score: 0.4 });
}

/**
 * How much a number looks like a phone number on its own. Numbering plans (Germany's especially)
 * accept almost any digit run, so a bare run scores below the guards' 0.5 threshold unless a context
 * word ("call", "phone") is near; an international `+` prefix or phone-style grouping is evidence
 * (bench/pii-eval.ts: ISBNs, order numbers and timestamps were flagged as German phones before this).
 */
function baseScore(candidate: string): number {
  if (candidate.startsWith('+')) return 0.8;
  const digits = candidate.replace(/\D/g, '').length;
  const grouped = /^\(\d{2,5}\)|\d[ .-]\d/.test(candidate);
  return grouped && digits >= 10 ? 0.5 : 0.35;
}

export const detectPhone: Detector = (text, context) => {
  const regions = context.phoneRegions.filter((region) => isSupportedCountry(region)) as CountryCode[];
  const bySpan = new Map<string, Finding>();
  let verified = 0;
  CANDIDATE.lastIndex = 0;
  for (let candidate = CANDIDATE.exec(text); candidate !== null; candidate = CANDIDATE.exec(text)) {
    if (verified++ >= MAX_VERIFIED_PHONE_CANDIDATES) {
      const end = candidate.index + candidate[0].length;
      const finding = unverifiedFinding(text, candidate.index, end);
      if (finding !== undefined) bySpan.set(`${candidate.index}:${end}`, finding);
      continue;
    }
    for (const region of regions) {
      for (const found of findPhoneNumbersInText(candidate[0], region)) {
        const start = candidate.index + found.startsAt;
        const end = candidate.index + found.endsAt;
        const key = `${start}:${end}`;
        if (bySpan.has(key) || isFalsePositive(text, start, end)) continue;
        const score = scoreWithContext(text, [start, end], baseScore(text.slice(start, end)), CONTEXT, 0.3);
        bySpan.set(key, makeFinding(text, { type: 'phone', detector: `phone/${region}`, start, end, score }));
      }
    }
  }
  return [...bySpan.values()];
};
