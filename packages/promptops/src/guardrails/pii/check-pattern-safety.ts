export const MAX_PATTERN_LENGTH = 256;

export type PatternIssueCode =
  | 'pattern-too-long'
  | 'pattern-backreference'
  | 'pattern-lookaround'
  | 'pattern-nested-quantifier'
  | 'pattern-invalid';

export interface PatternIssue {
  code: PatternIssueCode;
  /** Index in the pattern where the problem starts. */
  at: number;
}

const UNBOUNDED_AFTER = /^(?:[*+]|\{\d*,\}|\{\d{2,},?\d*\})/;

/**
 * Rejects the shapes that make a backtracking engine blow up: a quantified group that itself
 * contains a quantifier (`(a+)+`, `(\w*)*`), backreferences and lookarounds.
 * A structural scan, not a full parser: escapes and character classes are skipped.
 */
export function checkPatternSafety(pattern: string): PatternIssue | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return { code: 'pattern-too-long', at: MAX_PATTERN_LENGTH };
  const groups: { start: number; quantified: boolean }[] = [];
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index]!;
    if (character === '\\') {
      const next = pattern[index + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k'))
        return { code: 'pattern-backreference', at: index };
      index++;
      continue;
    }
    if (inClass) {
      if (character === ']') inClass = false;
      continue;
    }
    if (character === '[') inClass = true;
    else if (character === '(') {
      if (/^\(\?<?[=!]/.test(pattern.slice(index, index + 4)))
        return { code: 'pattern-lookaround', at: index };
      groups.push({ start: index, quantified: false });
    } else if (character === ')') {
      const group = groups.pop();
      if (group === undefined) return { code: 'pattern-invalid', at: index };
      const repeated = UNBOUNDED_AFTER.test(pattern.slice(index + 1));
      if (repeated && group.quantified) return { code: 'pattern-nested-quantifier', at: group.start };
      const parent = groups.at(-1);
      if (parent !== undefined && (group.quantified || repeated)) parent.quantified = true;
    } else if (/[*+?{]/.test(character)) {
      const parent = groups.at(-1);
      if (parent !== undefined && (character !== '?' || index === 0 || pattern[index - 1] !== '(')) {
        parent.quantified = true;
      }
    }
  }
  if (inClass || groups.length > 0) return { code: 'pattern-invalid', at: pattern.length };
  return undefined;
}
