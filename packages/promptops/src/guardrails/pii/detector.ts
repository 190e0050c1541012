import type { FindingType } from './entity-type.ts';

export interface Finding {
  type: FindingType;
  start: number;
  end: number;
  text: string;
  score: number;
  /** Which recognizer produced it, e.g. `api-key/aws` or `custom:employee-id`. */
  detector: string;
}

export interface DetectorContext {
  /** Regions tried when looking for phone numbers without an international prefix. */
  readonly phoneRegions: readonly string[];
}

export type Detector = (text: string, context: DetectorContext) => Finding[];

export const DEFAULT_PHONE_REGIONS: readonly string[] = ['US', 'GB', 'AU', 'DE', 'FR'];

export interface FindingDraft {
  type: FindingType;
  detector: string;
  start: number;
  end: number;
  score: number;
}

export function makeFinding(text: string, draft: FindingDraft): Finding {
  return { ...draft, text: text.slice(draft.start, draft.end) };
}

/**
 * Runs a global pattern and lets `build` accept or reject each match.
 * `build` returns a draft or undefined; the match text is filled in here.
 */
export function findMatches(
  text: string,
  pattern: RegExp,
  build: (match: RegExpExecArray) => FindingDraft | undefined,
): Finding[] {
  const findings: Finding[] = [];
  const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  global.lastIndex = 0;
  for (let match = global.exec(text); match !== null; match = global.exec(text)) {
    if (match[0] === '') global.lastIndex++;
    const draft = build(match);
    if (draft !== undefined) findings.push(makeFinding(text, draft));
  }
  return findings;
}

/** The span of the last capture group, which sits at the end of the match. */
export function trailingGroupSpan(match: RegExpExecArray, group: string): [number, number] {
  const end = match.index + match[0].length;
  return [end - group.length, end];
}
