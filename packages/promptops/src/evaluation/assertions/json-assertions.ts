import { isDeepStrictEqual } from 'node:util';
import type { AssertionSpec } from '../eval-types.ts';
import type { AssertionHandler, AssertionOutcome } from './assertion-handler.ts';
import { describeValue, quote } from './describe-value.ts';
import { parseJsonPath, readJsonPath } from './json-path.ts';
import { compileJsonSchema, describeSchemaErrors } from './json-schema-validator.ts';
import { parseOutputJson } from './parse-output-json.ts';

/** `is-json`: the output parses as JSON; with a `value`, it also matches that JSON Schema. */
export const isJsonAssertion: AssertionHandler = {
  check: (spec) => (spec.value === undefined ? undefined : checkSchema(spec.value)),
  evaluate: ({ spec, output, text }) => validateJson(spec.value, output, text),
};

/** `json-schema`: the parsed output matches the JSON Schema in `value` (is-json with a schema). */
export const jsonSchemaAssertion: AssertionHandler = {
  check: (spec) => (spec.value === undefined ? 'value is required (a JSON Schema)' : checkSchema(spec.value)),
  evaluate: ({ spec, output, text }) => validateJson(spec.value, output, text),
};

function checkSchema(schema: unknown): string | undefined {
  const compiled = compileJsonSchema(schema);
  return compiled.ok ? undefined : `value ${compiled.problem}`;
}

function validateJson(
  schema: unknown,
  output: Parameters<typeof parseOutputJson>[0],
  text: string,
): AssertionOutcome {
  const parsed = parseOutputJson(output, text);
  const expected = schema === undefined ? 'valid JSON' : 'JSON matching the schema';
  if (!parsed.ok) return { pass: false, expected, found: `not JSON: ${quote(text, 40)}` };
  if (schema === undefined) return { pass: true, expected, found: 'valid JSON' };
  const compiled = compileJsonSchema(schema);
  if (!compiled.ok) return { pass: false, expected, found: `a schema that ${compiled.problem}` };
  if (compiled.validate(parsed.value)) return { pass: true, expected, found: 'JSON matching the schema' };
  return { pass: false, expected, found: describeSchemaErrors(compiled.validate.errors) };
}

const COMPARISONS = ['equals', 'in', 'gte', 'lte', 'exists'] as const;

/**
 * `json-path`: the value at `path` in the output's JSON meets `equals` (deep), `in` (a list),
 * `gte` / `lte` (numbers; both together make a range) or `exists` (true or false).
 */
export const jsonPathAssertion: AssertionHandler = {
  check(spec) {
    if (spec.path === undefined) return 'path is required, like "$.intent"';
    if (typeof spec.path !== 'string') return 'path must be a string, like "$.intent"';
    const parsed = parseJsonPath(spec.path);
    if (!parsed.ok) return `path ${parsed.problem}`;
    if (spec.value !== undefined) return 'value is not used by json-path; use equals, in, gte, lte or exists';
    const given = COMPARISONS.filter((name) => spec[name] !== undefined);
    if (given.length === 0) return `one of ${COMPARISONS.join(', ')} is required`;
    const isRange = given.length === 2 && given.includes('gte') && given.includes('lte');
    if (given.length > 1 && !isRange) return `${given.join(' and ')} cannot be combined (only gte with lte)`;
    if (spec.in !== undefined && (!Array.isArray(spec.in) || spec.in.length === 0))
      return 'in must be a non-empty list';
    for (const name of ['gte', 'lte'] as const) {
      if (spec[name] !== undefined && (typeof spec[name] !== 'number' || !Number.isFinite(spec[name])))
        return `${name} must be a number`;
    }
    if (spec.exists !== undefined && typeof spec.exists !== 'boolean') return 'exists must be true or false';
    return undefined;
  },
  evaluate({ spec, output, text }) {
    const path = String(spec.path);
    const expected = `${path} ${describeComparison(spec)}`;
    const segments = parseJsonPath(path);
    if (!segments.ok) return { pass: false, expected, found: `a path that ${segments.problem}` };
    const parsed = parseOutputJson(output, text);
    if (!parsed.ok) return { pass: false, expected, found: `not JSON: ${quote(text, 40)}` };
    const read = readJsonPath(parsed.value, segments.segments);
    if (spec.exists !== undefined)
      return {
        pass: read.found === spec.exists,
        expected,
        found: read.found ? 'it exists' : 'nothing there',
      };
    if (!read.found) return { pass: false, expected, found: `nothing at ${path}` };
    const found = describeValue(read.value);
    if (spec.equals !== undefined)
      return { pass: isDeepStrictEqual(read.value, spec.equals), expected, found };
    if (spec.in !== undefined) {
      const options = spec.in as unknown[];
      return { pass: options.some((option) => isDeepStrictEqual(read.value, option)), expected, found };
    }
    if (typeof read.value !== 'number') return { pass: false, expected, found: `${found}, not a number` };
    const aboveMinimum = spec.gte === undefined || read.value >= (spec.gte as number);
    const belowMaximum = spec.lte === undefined || read.value <= (spec.lte as number);
    return { pass: aboveMinimum && belowMaximum, expected, found };
  },
};

function describeComparison(spec: AssertionSpec): string {
  if (spec.exists !== undefined) return spec.exists ? 'present' : 'absent';
  if (spec.equals !== undefined) return `= ${describeValue(spec.equals)}`;
  if (spec.in !== undefined) return `in ${describeValue(spec.in)}`;
  const bounds = [
    spec.gte !== undefined ? `≥ ${spec.gte}` : '',
    spec.lte !== undefined ? `≤ ${spec.lte}` : '',
  ];
  return bounds.filter((bound) => bound !== '').join(' and ');
}
