import type { CountryCode } from 'libphonenumber-js';
import { findPhoneNumbersInText, isSupportedCountry } from 'libphonenumber-js';
import { scoreWithContext } from './context-score.ts';
import type { Detector, Finding } from './detector.ts';
import { makeFinding } from './detector.ts';
import { isFalsePositive, PHONE_CONTEXT, windowCannotBePhone } from './phone-false-positives.ts';

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
    const windowEnd = candidate.index + candidate[0].length;
    // Cheap checks first: they are linear in the window and do not use up the budget.
    if (windowCannotBePhone(text, candidate.index, windowEnd)) continue;
    if (verified++ >= MAX_VERIFIED_PHONE_CANDIDATES) {
      const finding = unverifiedFinding(text, candidate.index, windowEnd);
      if (finding !== undefined) bySpan.set(`${candidate.index}:${windowEnd}`, finding);
      continue;
    }
    for (const region of regions) {
      const numbers = findPhoneNumbersInText(candidate[0], region);
      for (const found of numbers) {
        const start = candidate.index + found.startsAt;
        const end = candidate.index + found.endsAt;
        const key = `${start}:${end}`;
        if (bySpan.has(key) || isFalsePositive(text, start, end)) continue;
        const score = scoreWithContext(
          text,
          [start, end],
          baseScore(text.slice(start, end)),
          PHONE_CONTEXT,
          0.3,
        );
        bySpan.set(key, makeFinding(text, { type: 'phone', detector: `phone/${region}`, start, end, score }));
      }
      // An international number reads the same in every region: once one is the whole window, other
      // regions could only find parts of it, which lose to it when overlaps are resolved.
      const whole = numbers.some((found) => found.startsAt === 0 && found.endsAt === candidate[0].length);
      if (candidate[0].startsWith('+') && whole) break;
    }
  }
  return [...bySpan.values()];
};
