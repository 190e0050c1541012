import { passesLuhn } from './checksums.ts';
import { contextBefore, startOfWordPattern } from './context-score.ts';

export const PHONE_CONTEXT = ['phone', 'tel', 'mobile', 'cell', 'call', 'whatsapp', 'fax', 'contact'];
const PHONE_WORDS = startOfWordPattern(PHONE_CONTEXT);
const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const VERSION = /^v?\d+(?:\.\d+){2,}/i;
const TOKEN_CHARACTER = /[\w.:/-]/;
/**
 * Shapes that are never dialled: four or more groups of four digits (card-like numbers failing Luhn
 * reach the phone detector, and so do IBAN tails), the US SSN shape ddd-dd-dddd, and an ISO date.
 */
const NOT_A_PHONE_SHAPE =
  /^(?:\d{4}([ .-])\d{4}(?:\1\d{4}){2,}(?:\1\d{1,3})?|\d{3}-\d{2}-\d{4}|(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))$/;
/** A hyphenated ISBN-13: 978 or 979, then four groups. */
const ISBN_13 = /^97[89]-\d{1,5}-\d{1,7}-\d{1,7}-\d$/;
/** Ten bare digits from 15… to 19… are Unix timestamps (2017–2030) far more often than phones. */
const UNIX_TIMESTAMP = /^1[5-9]\d{8}$/;

/** How far the helpers below look past a span, so a scan of one long token stays linear. */
const REACH = 64;

/**
 * The whitespace-free word around a span: a phone inside a GUID, URL or version string is not a phone.
 * A word running more than `REACH` characters past the span comes back with a letter (`…`) so callers
 * treat it as one: no phone number sits inside such a token.
 */
function surroundingToken(text: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from > 0 && TOKEN_CHARACTER.test(text[from - 1]!)) if (start - --from > REACH) return 'long…';
  while (to < text.length && TOKEN_CHARACTER.test(text[to]!)) if (++to - end > REACH) return 'long…';
  // Sentence punctuation around a number is not part of the token.
  return text.slice(from, to).replace(/^[.:/-]+|[.:/-]+$/g, '');
}

const isDigitAt = (text: string, index: number): boolean => index >= 0 && /\d/.test(text[index] ?? '');
const isJoinAt = (text: string, index: number): boolean => /[ .-]/.test(text[index] ?? '');

/** Digits joined by single separators around a span: all of `4916 7701 8790 5590` when a part is found. */
function numberRun(text: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (start - from <= REACH) {
    if (isDigitAt(text, from - 1)) from--;
    else if (isJoinAt(text, from - 1) && isDigitAt(text, from - 2)) from -= 2;
    else break;
  }
  while (to - end <= REACH) {
    if (isDigitAt(text, to)) to++;
    else if (isJoinAt(text, to) && isDigitAt(text, to + 1)) to += 2;
    else break;
  }
  return text.slice(from, to);
}

/** Whether a number libphonenumber accepted at `start..end` is something else (bench/pii-eval.ts hard negatives). */
export function isFalsePositive(text: string, start: number, end: number): boolean {
  const candidate = text.slice(start, end);
  if (text[start - 1] !== '+' && NOT_A_PHONE_SHAPE.test(numberRun(text, start, end))) return true;
  if (UNIX_TIMESTAMP.test(candidate) && !contextBefore(text, start, PHONE_WORDS)) return true;
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
 * Whether a candidate window can be skipped without calling libphonenumber, which is most of the
 * scan time (bench/pii-eval.ts). The first rules hold for every part of the window, so they drop
 * exactly the numbers `isFalsePositive` would drop:
 * - a window without spaces or brackets is one token, and every part shares its surrounding token
 *   (ISO timestamps, IP addresses, versions, GUID parts, `ORD-2025-592312`);
 * - a window of digits and single separators has one number run (card-like groups, SSN shapes);
 * - a window of one repeated digit has only parts of one repeated digit (`555 555 5555`, padding).
 * The rest skip windows that are something else as a whole, rather than look for a phone inside:
 * a hyphenated ISBN-13, a bare run of more than 15 digits (longer than any E.164 number), a
 * Luhn-valid bare run of 13 or more (a card), and a bare Unix timestamp without a phone word.
 */
export function windowCannotBePhone(text: string, start: number, end: number): boolean {
  const window = text.slice(start, end);
  if (/^[\d.-]+$/.test(window)) {
    const token = surroundingToken(text, start, end);
    if (/[A-Za-z_:/]/.test(token) || GUID.test(token) || VERSION.test(token)) return true;
  }
  if (/^(\d)\1*$/.test(window.replace(/\D/g, ''))) return true;
  if (ISBN_13.test(window) && window.replace(/\D/g, '').length === 13) return true;
  if (/^\d+(?:[ .-]\d+)*$/.test(window) && NOT_A_PHONE_SHAPE.test(numberRun(text, start, end))) return true;
  if (/^\d+$/.test(window)) {
    if (window.length > 15) return true;
    if (window.length >= 13 && passesLuhn(window)) return true;
    if (UNIX_TIMESTAMP.test(window) && !contextBefore(text, start, PHONE_WORDS)) return true;
  }
  return false;
}
