import { passesLuhn } from './checksums.ts';
import { scoreWithContext } from './context-score.ts';
import type { Detector } from './detector.ts';
import { findMatches } from './detector.ts';

const CARD_CANDIDATE = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;

const CONTEXT = ['card', 'visa', 'mastercard', 'amex', 'credit', 'debit', 'cc', 'payment'];

/** Known issuer prefixes (IIN ranges) with their valid lengths. */
function matchesIssuer(digits: string): boolean {
  const length = digits.length;
  const prefix2 = Number(digits.slice(0, 2));
  const prefix3 = Number(digits.slice(0, 3));
  const prefix4 = Number(digits.slice(0, 4));
  if (digits.startsWith('4')) return length === 13 || length === 16 || length === 19; // Visa
  if (prefix2 >= 51 && prefix2 <= 55) return length === 16; // Mastercard
  if (prefix4 >= 2221 && prefix4 <= 2720) return length === 16; // Mastercard 2-series
  if (prefix2 === 34 || prefix2 === 37) return length === 15; // Amex
  if (prefix4 === 6011 || prefix2 === 65 || (prefix3 >= 644 && prefix3 <= 649)) return length >= 16; // Discover
  if (prefix4 >= 3528 && prefix4 <= 3589) return length >= 16; // JCB
  if (prefix2 === 36 || prefix2 === 38 || (prefix3 >= 300 && prefix3 <= 305)) return length >= 14; // Diners
  if (prefix2 === 62) return length >= 16; // UnionPay
  if (prefix2 === 50 || (prefix2 >= 56 && prefix2 <= 69)) return length >= 12; // Maestro
  return false;
}

/** Runs such as 4444 4444 4444 4444 or 1234 5678 9012 3456 are placeholders, not cards. */
function looksFake(digits: string): boolean {
  if (/^(\d)\1+$/.test(digits)) return true;
  const ascending = '01234567890123456789';
  return ascending.includes(digits.slice(0, 10));
}

/** A mix of separators (`4111-1111 1111-1111`) is more likely a list of numbers than a card. */
function hasConsistentSeparators(candidate: string): boolean {
  const separators = new Set(candidate.replace(/\d/g, ''));
  return separators.size <= 1;
}

export function isPaymentCardNumber(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  return (
    hasConsistentSeparators(candidate) && matchesIssuer(digits) && !looksFake(digits) && passesLuhn(digits)
  );
}

export const detectPaymentCard: Detector = (text) =>
  findMatches(text, CARD_CANDIDATE, (match) => {
    if (!isPaymentCardNumber(match[0])) return undefined;
    const span: [number, number] = [match.index, match.index + match[0].length];
    const score = scoreWithContext(text, span, 0.85, CONTEXT, 0.1);
    return { type: 'payment-card', detector: 'payment-card', start: span[0], end: span[1], score };
  });
