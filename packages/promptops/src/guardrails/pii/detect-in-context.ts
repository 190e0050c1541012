import type { Detector } from './detector.ts';
import { findMatches } from './detector.ts';

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\\.?';
const DATE = [
  '\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})',
  '\\d{4}-\\d{2}-\\d{2}',
  `\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH},? \\d{4}`,
  `${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}`,
].join('|');

/** A date not inside a longer number, IP address or version string. */
const DATE_CANDIDATE = new RegExp(`(?<![\\w/-]|\\d\\.)(?:${DATE})(?![\\w/]|[.-]\\d)`, 'gi');
const BIRTH_WORD = /\b(?:born|dob|date of birth|birth ?date|birthday|b-day)\b|\bd\.o\.b\b\.?/gi;
/** A year or a numeric date between the birth word and the candidate. */
const OTHER_DATE = /\d{4}|\d[/.-]\d/;
/** How far before a date a birth word may be: "I was born in Leeds on 3 March 1985". */
export const BIRTH_CONTEXT_WINDOW = 40;

/**
 * The birth word closest before `start` within the window, or undefined. The gap between word and
 * date must stay in one clause: a full stop, `!`, `?`, `;`, a newline or another date in between
 * means the date belongs to something else ("born in 1985; order placed on 3 March 2024").
 */
function birthWordGap(text: string, start: number): string | undefined {
  const windowStart = Math.max(0, start - BIRTH_CONTEXT_WINDOW);
  const before = text.slice(windowStart, start);
  let gap: string | undefined;
  BIRTH_WORD.lastIndex = 0;
  for (let word = BIRTH_WORD.exec(before); word !== null; word = BIRTH_WORD.exec(before))
    gap = before.slice(word.index + word[0].length);
  if (gap === undefined || /[!?;\n]|\.\s/.test(gap) || OTHER_DATE.test(gap)) return undefined;
  return gap;
}

/**
 * A date only counts as a date of birth when a birth word comes shortly before it. Right after the
 * word ("DOB: 14/03/1985") scores 0.85; a few words later ("my birthday is 7 September 2000") 0.75.
 */
export const detectDateOfBirth: Detector = (text) =>
  findMatches(text, DATE_CANDIDATE, (match) => {
    const gap = birthWordGap(text, match.index);
    if (gap === undefined) return undefined;
    const score = /^[\s:,-]{0,4}$/.test(gap) ? 0.85 : 0.75;
    const end = match.index + match[0].length;
    return { type: 'date-of-birth', detector: 'date-of-birth', start: match.index, end, score };
  });

/** Names live in their own file; re-exported here, where the detector table looks for them. */
export { detectPersonName } from './detect-person-name.ts';
