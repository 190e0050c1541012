import { RE2JS } from 're2js';

/**
 * Regular expressions written by users (JSON Schema `pattern`s, policy recognizers) run against
 * untrusted text, so they run on RE2 (the re2js port): matching time is linear in the input whatever
 * the pattern, and `(a+)+$` cannot hang a request. RE2 has no backreferences or lookaround; a pattern
 * that uses them is refused with RE2's own reason. JavaScript syntax (`\/`, `\u{…}`) is translated.
 */
export const MAX_PATTERN_LENGTH = 1000;

/** A compiled user pattern. Positions are UTF-16 offsets, like String indexes. */
export interface LinearPattern {
  readonly source: string;
  test(text: string): boolean;
  /** Every non-overlapping match, left to right. */
  matches(text: string): Generator<{ start: number; end: number; text: string }>;
}

export type CompiledPattern = { ok: true; pattern: LinearPattern } | { ok: false; problem: string };

const FLAG_BITS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  // RE2 matches by code point already.
  u: 0,
};

/**
 * compileLinearPattern('EMP-\\d{6}', 'i') // { ok: true, pattern }
 * compileLinearPattern('(a)\\1')          // { ok: false, problem: 'is not supported: …invalid escape sequence: `\\1`' }
 */
export function compileLinearPattern(source: string, flags = ''): CompiledPattern {
  if (source.length > MAX_PATTERN_LENGTH) {
    return { ok: false, problem: `is longer than ${MAX_PATTERN_LENGTH} characters` };
  }
  let bits = 0;
  for (const flag of flags) {
    const bit = FLAG_BITS[flag];
    if (bit === undefined)
      return { ok: false, problem: `has flag "${flag}"; only i, m, s and u are allowed` };
    bits |= bit;
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(RE2JS.translateRegExp(source), bits);
  } catch (error) {
    return { ok: false, problem: describeSyntaxError(error) };
  }
  return {
    ok: true,
    pattern: {
      source,
      test: (text) => compiled.test(text),
      *matches(text) {
        const matcher = compiled.matcher(text);
        let from = 0;
        while (from <= text.length && matcher.find(from)) {
          const start = matcher.start();
          const end = matcher.end();
          yield { start, end, text: text.slice(start, end) };
          from = end > start ? end : end + 1;
        }
      },
    },
  };
}

function describeSyntaxError(error: unknown): string {
  const message =
    error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
  if (/Perl syntax: `\(\?[=!<]|named capture: `\(\?<[=!]/.test(message)) {
    return `uses lookahead or lookbehind, which the linear-time engine does not support (${message})`;
  }
  if (/escape sequence: `\\[1-9k]/.test(message)) {
    return `uses a backreference, which the linear-time engine does not support (${message})`;
  }
  return `is not a valid regular expression: ${message}`;
}

/**
 * The engine Ajv uses for JSON Schema `pattern` and `patternProperties` (its `code.regExp` option),
 * so a schema from a prompt file cannot make validation backtrack. Throws RE2's reason for a pattern
 * it refuses, which Ajv reports as a schema compile error.
 */
export const linearRegExpEngine = Object.assign(
  (source: string, _flags: string) => {
    const compiled = compileLinearPattern(source);
    if (!compiled.ok) throw new Error(`pattern ${JSON.stringify(source)} ${compiled.problem}`);
    return { test: compiled.pattern.test, toString: () => `/${source}/` };
  },
  { code: 'linearRegExpEngine' },
);
