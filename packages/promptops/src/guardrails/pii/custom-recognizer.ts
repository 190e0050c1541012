import { compileLinearPattern } from '../../catalog/content/linear-pattern.ts';
import type { ValidatorName } from './checksums.ts';
import { VALIDATORS } from './checksums.ts';
import { scoreWithContext } from './context-score.ts';
import type { Detector, Finding } from './detector.ts';
import type { CustomEntityType } from './entity-type.ts';

/** A recognizer declared in policy (policies.yaml `recognizers`). */
export interface CustomRecognizerSpec {
  /** Kebab-case name; findings get type `custom:<name>`. */
  name: string;
  /** RE2 syntax (JavaScript syntax without lookaround or backreferences); matched in linear time. */
  pattern: string;
  /** Only `i`, `m`, `s` and `u`. */
  flags?: string;
  validator?: ValidatorName;
  contextWords?: readonly string[];
  /** Score without context; context words add 0.2. Defaults to 0.6. */
  score?: number;
}

export type CustomRecognizerIssue = 'name' | 'flags' | 'validator' | 'pattern';

export type CompileRecognizerResult =
  | { ok: true; type: CustomEntityType; detector: Detector }
  | { ok: false; name: string; field: CustomRecognizerIssue; message: string };

/**
 * Checks and compiles a policy recognizer. The pattern runs on RE2, so no pattern can make a scan
 * hang; one RE2 refuses (lookaround, backreferences) or that does not parse comes back as a value
 * naming the field and the reason.
 */
export function compileCustomRecognizer(spec: CustomRecognizerSpec): CompileRecognizerResult {
  const failure = (field: CustomRecognizerIssue, reason: string): CompileRecognizerResult => ({
    ok: false,
    name: spec.name,
    field,
    message: `recognizer "${spec.name}": ${reason}`,
  });
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(spec.name)) {
    return failure('name', 'the name must be kebab-case letters and digits');
  }
  if (spec.validator !== undefined && !Object.hasOwn(VALIDATORS, spec.validator)) {
    return failure('validator', `the validator must be one of ${Object.keys(VALIDATORS).join(', ')}`);
  }
  const compiled = compileLinearPattern(spec.pattern, spec.flags);
  if (!compiled.ok) {
    const field = compiled.problem.startsWith('has flag') ? 'flags' : 'pattern';
    return failure(field, `the pattern ${compiled.problem}`);
  }
  const type: CustomEntityType = `custom:${spec.name}`;
  const validate = spec.validator === undefined ? undefined : VALIDATORS[spec.validator];
  const detector: Detector = (text) => {
    const findings: Finding[] = [];
    for (const match of compiled.pattern.matches(text)) {
      if (match.text === '' || (validate !== undefined && !validate(match.text))) continue;
      const score = scoreWithContext(
        text,
        [match.start, match.end],
        spec.score ?? 0.6,
        spec.contextWords ?? [],
      );
      findings.push({ type, detector: type, start: match.start, end: match.end, text: match.text, score });
    }
    return findings;
  };
  return { ok: true, type, detector };
}
