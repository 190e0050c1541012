import { compileLinearPattern } from '../../catalog/content/linear-pattern.ts';
import type { AssertionSpec } from '../eval-types.ts';
import type { AssertionHandler } from './assertion-handler.ts';
import { quote, quoteAround } from './describe-value.ts';
import { checkText } from './spec-fields.ts';

/**
 * `regex`: `value` matches somewhere in the text. Patterns come from suite files and run on model
 * output, so they run on the linear-time engine (no backreferences or lookaround); `flags` may hold
 * i, m, s and u.
 */
export const regexAssertion: AssertionHandler = {
  check(spec) {
    const problem = checkText(spec);
    if (problem) return problem;
    if (spec.flags !== undefined && typeof spec.flags !== 'string')
      return 'flags must be a string such as "i"';
    const compiled = compile(spec);
    if (compiled.ok) return undefined;
    return compiled.problem.startsWith('has flag')
      ? `flags ${compiled.problem}`
      : `value ${compiled.problem}`;
  },
  evaluate({ spec, text }) {
    const compiled = compile(spec);
    const expected = `output matching /${String(spec.value)}/${spec.flags ?? ''}`;
    if (!compiled.ok) return { pass: false, expected, found: `an invalid pattern (${compiled.problem})` };
    const first = compiled.pattern.matches(text).next();
    if (first.done) return { pass: false, expected, found: `no match in ${quote(text)}` };
    return { pass: true, expected, found: quoteAround(text, first.value.start, first.value.end) };
  },
};

function compile(spec: AssertionSpec) {
  return compileLinearPattern(String(spec.value), typeof spec.flags === 'string' ? spec.flags : '');
}
