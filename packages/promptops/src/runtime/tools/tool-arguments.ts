import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { linearRegExpEngine } from '../../catalog/content/linear-pattern.ts';

// The same options as the file loader's check (catalog/files/check-json-schema.ts): a tool schema
// accepted when the prompt was loaded compiles here.
const addFormats = addFormatsModule.default;
let shared: Ajv2020 | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    if (!shared) {
      shared = new Ajv2020({
        strict: true,
        allErrors: true,
        allowUnionTypes: true,
        code: { regExp: linearRegExpEngine },
      });
      addFormats(shared);
    }
    validate = shared.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

export type ToolArguments =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problem: string; value?: unknown };

/** The model's argument text parsed and checked against the tool's JSON Schema, before any handler runs. */
export function parseToolArguments(text: string, schema: Record<string, unknown>): ToolArguments {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the arguments are not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: 'the arguments are not a JSON object', value };
  }
  const validate = validatorFor(schema);
  if (validate(value)) return { ok: true, value: value as Record<string, unknown> };
  const problems = (validate.errors ?? []).map(
    (error) => `${error.instancePath || '(arguments)'} ${error.message ?? 'is invalid'}`,
  );
  return { ok: false, problem: problems.join('; '), value };
}
