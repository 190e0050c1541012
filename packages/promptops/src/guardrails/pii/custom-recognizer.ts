import type { PatternIssue } from './check-pattern-safety.ts';
import { checkPatternSafety } from './check-pattern-safety.ts';
import type { ValidatorName } from './checksums.ts';
import { VALIDATORS } from './checksums.ts';
import { scoreWithContext } from './context-score.ts';
import type { Detector } from './detector.ts';
import { findMatches } from './detector.ts';
import type { CustomEntityType } from './entity-type.ts';

/** A recognizer declared in policy. */
export interface CustomRecognizerSpec {
  /** Kebab-case name; findings get type `custom:<name>`. */
  name: string;
  pattern: string;
  /** Only `i`, `m`, `s` and `u` are accepted; `g` is always added. */
  flags?: string;
  validator?: ValidatorName;
  contextWords?: readonly string[];
  /** Score without context; context words add 0.2. Defaults to 0.6. */
  score?: number;
}

export type CustomRecognizerIssue =
  | PatternIssue
  | { code: 'name-invalid'; at: 0 }
  | { code: 'flags-invalid'; at: number }
  | { code: 'validator-unknown'; at: 0 };

export type CompileRecognizerResult =
  | { ok: true; type: CustomEntityType; detector: Detector }
  | { ok: false; name: string; issue: CustomRecognizerIssue; message: string };

const ISSUE_MESSAGES: Record<CustomRecognizerIssue['code'], string> = {
  'pattern-too-long': 'the pattern is longer than 256 characters',
  'pattern-backreference': 'backreferences are not allowed (they can take exponential time)',
  'pattern-lookaround': 'lookahead and lookbehind are not allowed',
  'pattern-nested-quantifier':
    'a repeated group contains a quantifier, e.g. (a+)+; it can take exponential time',
  'pattern-invalid': 'the pattern is not a valid regular expression',
  'name-invalid': 'the name must be kebab-case letters and digits',
  'flags-invalid': 'only the flags i, m, s and u are allowed',
  'validator-unknown': `the validator must be one of ${Object.keys(VALIDATORS).join(', ')}`,
};

function failure(spec: CustomRecognizerSpec, issue: CustomRecognizerIssue): CompileRecognizerResult {
  const message = `recognizer "${spec.name}": ${ISSUE_MESSAGES[issue.code]} (at ${issue.at})`;
  return { ok: false, name: spec.name, issue, message };
}

/** Checks and compiles a policy recognizer; unsafe or malformed patterns come back as a value. */
export function compileCustomRecognizer(spec: CustomRecognizerSpec): CompileRecognizerResult {
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(spec.name)) return failure(spec, { code: 'name-invalid', at: 0 });
  const flags = spec.flags ?? '';
  const badFlag = [...flags].findIndex((flag) => !'imsu'.includes(flag));
  if (badFlag !== -1) return failure(spec, { code: 'flags-invalid', at: badFlag });
  if (spec.validator !== undefined && !Object.hasOwn(VALIDATORS, spec.validator)) {
    return failure(spec, { code: 'validator-unknown', at: 0 });
  }
  const unsafe = checkPatternSafety(spec.pattern);
  if (unsafe !== undefined) return failure(spec, unsafe);
  let pattern: RegExp;
  try {
    pattern = new RegExp(spec.pattern, `${[...new Set(flags)].join('')}g`);
  } catch {
    return failure(spec, { code: 'pattern-invalid', at: 0 });
  }
  const type: CustomEntityType = `custom:${spec.name}`;
  const validate = spec.validator === undefined ? undefined : VALIDATORS[spec.validator];
  const detector: Detector = (text) =>
    findMatches(text, pattern, (match) => {
      if (match[0] === '' || (validate !== undefined && !validate(match[0]))) return undefined;
      const span: [number, number] = [match.index, match.index + match[0].length];
      const score = scoreWithContext(text, span, spec.score ?? 0.6, spec.contextWords ?? []);
      return { type, detector: type, start: span[0], end: span[1], score };
    });
  return { ok: true, type, detector };
}
