import { isDeepStrictEqual } from 'node:util';
import type { AssertionHandler } from './assertion-handler.ts';
import { describeValue, quote } from './describe-value.ts';
import { parseOutputJson } from './parse-output-json.ts';

/**
 * `equals`: the text equals `value` exactly; when `value` is an object or a list, the output's JSON
 * must deep-equal it (promptfoo's behaviour), key order ignored.
 */
export const equalsAssertion: AssertionHandler = {
  check(spec) {
    return spec.value === undefined ? 'value is required' : undefined;
  },
  evaluate({ spec, output, text }) {
    const expected = spec.value;
    if (expected !== null && typeof expected === 'object') {
      const parsed = parseOutputJson(output, text);
      if (!parsed.ok)
        return { pass: false, expected: `JSON equal to ${describeValue(expected)}`, found: 'not JSON' };
      return {
        pass: isDeepStrictEqual(parsed.value, expected),
        expected: `JSON equal to ${describeValue(expected)}`,
        found: describeValue(parsed.value, 60),
      };
    }
    const wanted = String(expected);
    return { pass: text === wanted, expected: `output equal to ${quote(wanted, 40)}`, found: quote(text) };
  },
};
