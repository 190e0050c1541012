import type { AssertionHandler } from './assertion-handler.ts';
import { describeValue, quote, quoteAround } from './describe-value.ts';
import { checkTextOrList, textList } from './spec-fields.ts';

type Mode = 'all' | 'any';

/**
 * `contains`, `icontains` (a list means all of them), `contains-any`, `contains-all`,
 * `icontains-any`, `icontains-all`. As in promptfoo, a string `value` of the -any/-all forms is a
 * comma-separated list.
 */
export function containsAssertion(options: { mode: Mode; ignoreCase: boolean; splitCommas: boolean }) {
  const handler: AssertionHandler = {
    check: (spec) => checkTextOrList(spec),
    evaluate({ spec, text }) {
      const needles =
        options.splitCommas && typeof spec.value === 'string'
          ? spec.value
              .split(',')
              .map((part) => part.trim())
              .filter((part) => part !== '')
          : textList(spec.value);
      const haystack = options.ignoreCase ? text.toLowerCase() : text;
      const positions = needles.map((needle) =>
        haystack.indexOf(options.ignoreCase ? needle.toLowerCase() : needle),
      );
      const found = positions.map((position) => position !== -1);
      const pass = options.mode === 'all' ? found.every(Boolean) : found.some(Boolean);
      const wording = `${options.ignoreCase ? ' (ignoring case)' : ''}`;
      const expected =
        needles.length === 1
          ? `output containing ${describeValue(needles[0])}${wording}`
          : `output containing ${options.mode} of ${describeValue(needles)}${wording}`;
      const firstHit = positions.findIndex((position) => position !== -1);
      const missing = needles.filter((_, index) => !found[index]);
      // A failing positive form shows what is missing; a failing negated form shows the hit.
      let evidence: string;
      if (firstHit === -1) evidence = `none in ${quote(text)}`;
      else if (missing.length > 0 && options.mode === 'all')
        evidence = `${describeValue(missing)} missing in ${quote(text)}`;
      else {
        const start = positions[firstHit] ?? 0;
        evidence = quoteAround(text, start, start + (needles[firstHit]?.length ?? 0));
      }
      return { pass, expected, found: evidence };
    },
  };
  return handler;
}

/** `starts-with`: the text starts with `value` (a list: with any of them). */
export const startsWithAssertion: AssertionHandler = {
  check: (spec) => checkTextOrList(spec),
  evaluate({ spec, text }) {
    const prefixes = textList(spec.value);
    return {
      pass: prefixes.some((prefix) => text.startsWith(prefix)),
      expected: `output starting with ${prefixes.length === 1 ? describeValue(prefixes[0]) : `any of ${describeValue(prefixes)}`}`,
      found: quote(text, 40),
    };
  },
};
