import type { Detector } from './detector.ts';
import { findMatches, trailingGroupSpan } from './detector.ts';

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\\.?';
const DATE = [
  '\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})',
  '\\d{4}-\\d{2}-\\d{2}',
  `\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH},? \\d{4}`,
  `${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}`,
].join('|');

/** A date only counts as a date of birth when a context word introduces it. */
const DATE_OF_BIRTH = new RegExp(
  `\\b(?:born(?: on)?|dob|d\\.o\\.b\\.?|date of birth|birth ?date|birthday)[\\s:,-]{0,4}(${DATE})(?!\\d)`,
  'gi',
);

export const detectDateOfBirth: Detector = (text) =>
  findMatches(text, DATE_OF_BIRTH, (match) => {
    const span = trailingGroupSpan(match, match[1] ?? '');
    return { type: 'date-of-birth', detector: 'date-of-birth', start: span[0], end: span[1], score: 0.85 };
  });

/** Capitalised words after `my name is`, `name:`, or a title (Mr, Mrs, Ms, Miss, Dr). */
const PERSON_NAME =
  /(?:\b[Mm]y name is|\b[Nn]ame:|\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?)\s+([A-Z][a-z'-]+(?: [A-Z][a-z'-]+){0,2})/g;

export const detectPersonName: Detector = (text) =>
  findMatches(text, PERSON_NAME, (match) => {
    const span = trailingGroupSpan(match, match[1] ?? '');
    return { type: 'person-name', detector: 'person-name', start: span[0], end: span[1], score: 0.7 };
  });
