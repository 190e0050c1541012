/**
 * Regular expressions in JSON Schemas (`pattern`, `patternProperties`) run against untrusted input at
 * runtime, so a pattern that can backtrack catastrophically would let one request hang the process
 * (DESIGN.md section 9). JavaScript has no linear-time engine built in, so we reject the shapes that
 * cause it: a quantified group that itself contains a quantifier (`(a+)+`, `(\w*x)*`), backreferences,
 * and very long patterns. Conservative: it can refuse a harmless pattern, never the other way round
 * for those shapes.
 */
const MAX_PATTERN_LENGTH = 1000;

/** Why a pattern is refused, or undefined when it is acceptable. */
export function findPatternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'uses a backreference, which can take exponential time';
  if (hasNestedQuantifier(pattern)) {
    return 'repeats a group that itself repeats (like (a+)+), which can take exponential time on some inputs';
  }
  return undefined;
}

function hasNestedQuantifier(pattern: string): boolean {
  const groups: boolean[] = [false];
  let index = 0;
  let inClass = false;
  while (index < pattern.length) {
    const character = pattern[index];
    if (character === '\\') {
      index += 2;
      continue;
    }
    if (inClass) {
      if (character === ']') inClass = false;
      index += 1;
      continue;
    }
    if (character === '[') inClass = true;
    else if (character === '(') groups.push(false);
    else if (character === ')') {
      const groupRepeats = groups.pop() ?? false;
      const quantifier = unboundedQuantifierAt(pattern, index + 1);
      if (quantifier && groupRepeats) return true;
      if (quantifier || groupRepeats) groups[groups.length - 1] = true;
    } else if (unboundedQuantifierAt(pattern, index)) {
      groups[groups.length - 1] = true;
    }
    index += 1;
  }
  return false;
}

/** `*`, `+` or `{n,}` / `{n,m}` with a large m start at `index`. */
function unboundedQuantifierAt(pattern: string, index: number): boolean {
  const character = pattern[index];
  if (character === '*' || character === '+') return true;
  if (character !== '{') return false;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(index, index + 24));
  if (!match?.[2]) return false;
  return match[3] === '' || Number(match[3]) > 10;
}
