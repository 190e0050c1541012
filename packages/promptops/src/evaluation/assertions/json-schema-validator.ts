import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { linearRegExpEngine } from '../../catalog/content/linear-pattern.ts';

export type CompiledSchema = { ok: true; validate: ValidateFunction } | { ok: false; problem: string };

// Keyed by the schema object: a suite's specs are parsed once and evaluated for every case and repeat.
const compiled = new WeakMap<object, CompiledSchema>();

/**
 * Compiles a JSON Schema from a suite (draft 2020-12) with the options the runtime uses
 * (templates/variables.ts): strict, so a misspelt keyword is an error instead of a constraint that
 * never applies, and `pattern`s on the linear-time engine, so a schema cannot make validation hang.
 */
export function compileJsonSchema(schema: unknown): CompiledSchema {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
    return { ok: false, problem: 'must be a JSON Schema object' };
  const known = compiled.get(schema);
  if (known) return known;
  // One Ajv per schema, as in templates/variables.ts: a `$id` in one suite cannot clash with another's.
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    allowUnionTypes: true,
    code: { regExp: linearRegExpEngine },
  });
  formatsModule.default(ajv);
  let result: CompiledSchema;
  try {
    result = { ok: true, validate: ajv.compile(schema) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    result = { ok: false, problem: `is not a valid JSON Schema: ${message.replace(/^strict mode: /, '')}` };
  }
  compiled.set(schema, result);
  return result;
}

/** The first schema violation as `$.items[0].sku: must be string`. */
export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string {
  const first = errors?.[0];
  if (!first) return 'does not match the schema';
  const path = first.instancePath
    .split('/')
    .slice(1)
    .map((part) =>
      /^\d+$/.test(part) ? `[${part}]` : `.${part.replaceAll('~1', '/').replaceAll('~0', '~')}`,
    )
    .join('');
  const params = first.params as Record<string, unknown>;
  const detail =
    first.keyword === 'required'
      ? `is missing "${String(params.missingProperty)}"`
      : first.keyword === 'additionalProperties'
        ? `has unexpected "${String(params.additionalProperty)}"`
        : (first.message ?? first.keyword);
  const more = errors && errors.length > 1 ? ` (+${errors.length - 1} more)` : '';
  return `$${path}: ${detail}${more}`;
}
