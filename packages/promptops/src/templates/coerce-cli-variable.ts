import type { VariablesSchema } from '../catalog/content/prompt-content.ts';
import { PromptopsError } from '../errors/index.ts';

export type CoerceCliVariableResult = { ok: true; value: unknown } | { ok: false; error: PromptopsError };

/**
 * Turns the text of `--var name=value` into the value the variable schema expects: string-typed
 * variables keep the text as written; other types are read as JSON (`--var count=3` → 3,
 * `--var tags=["a"]` → ['a']). Variables without a type take JSON when the text is JSON, else text.
 *
 * @example
 * coerceCliVariable(schema, 'count', '3'); // { ok: true, value: 3 }
 */
export function coerceCliVariable(
  schema: VariablesSchema | undefined,
  name: string,
  rawValue: string,
): CoerceCliVariableResult {
  const property = schema && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
  if (schema && property === undefined && schema.additionalProperties === false) {
    const declared = Object.keys(schema.properties).join(', ') || 'none';
    return fail(`--var ${name}: no variable named '${name}' (declared: ${declared})`);
  }
  if (schema === undefined || property === undefined)
    return { ok: true, value: parseJsonOr(rawValue, rawValue) };
  if (takesText(property)) return { ok: true, value: rawValue };
  const types = typesOf(property);
  if (types.length === 0) return { ok: true, value: parseJsonOr(rawValue, rawValue) };
  const value = parseJsonOr(rawValue, NOT_JSON);
  if (value === NOT_JSON) {
    return fail(
      `--var ${name}=${rawValue}: '${name}' is ${types.join(' or ')}, so the value must be JSON (e.g. --var ${name}=${exampleOf(types[0])})`,
    );
  }
  return { ok: true, value };
}

const NOT_JSON = Symbol('not JSON');

function takesText(property: Record<string, unknown>): boolean {
  if (typesOf(property).includes('string')) return true;
  const choices = Array.isArray(property.enum)
    ? property.enum
    : 'const' in property
      ? [property.const]
      : undefined;
  return choices !== undefined && choices.length > 0 && choices.every((choice) => typeof choice === 'string');
}

function typesOf(property: Record<string, unknown>): string[] {
  const type = property.type;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((item): item is string => typeof item === 'string') : [];
}

function parseJsonOr<T>(text: string, fallback: T): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

function exampleOf(type: string | undefined): string {
  const examples: Record<string, string> = {
    number: '3',
    integer: '3',
    boolean: 'true',
    array: '\'["a","b"]\'',
    object: '\'{"key":"value"}\'',
    null: 'null',
  };
  return (type && examples[type]) || '<json>';
}

function fail(message: string): CoerceCliVariableResult {
  return { ok: false, error: new PromptopsError('variable_invalid', message) };
}
