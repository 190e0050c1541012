import { createHash } from 'node:crypto';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { linearRegExpEngine } from '../catalog/content/linear-pattern.ts';
import type { VariablesSchema } from '../catalog/content/prompt-content.ts';
import { PromptopsError } from '../errors/index.ts';
import { BoundedCache } from './bounded-cache.ts';

export type VariablesResult =
  | { ok: true; variables: Record<string, unknown> }
  | { ok: false; error: PromptopsError };

export interface VariablesValidator {
  /** Validates a copy of the variables and returns it with schema defaults applied. */
  validate(variables: unknown): VariablesResult;
}

export type CompileVariablesSchemaResult =
  | { ok: true; validator: VariablesValidator }
  | { ok: false; error: PromptopsError };

// ajv-formats is CommonJS; under Node's ESM interop its plugin is the module's `default` property.
const addFormats = addFormatsModule.default;
const COMPILED_SCHEMAS = 500;
const byIdentity = new WeakMap<object, CompileVariablesSchemaResult>();
const byHash = new BoundedCache<string, CompileVariablesSchemaResult>(COMPILED_SCHEMAS);

/**
 * Compiles a prompt's `variables` JSON Schema (draft 2020-12, strict). A broken schema is returned
 * as a value so the file loader can report it with the file; compiled validators are cached by the
 * schema's content hash.
 *
 * @example
 * const compiled = compileVariablesSchema({ type: 'object', properties: { name: { type: 'string', default: 'there' } } });
 * if (compiled.ok) compiled.validator.validate({}); // { ok: true, variables: { name: 'there' } }
 */
export function compileVariablesSchema(schema: VariablesSchema): CompileVariablesSchemaResult {
  const known = byIdentity.get(schema);
  if (known) return known;
  const result = byHash.getOrCreate(hashOf(schema), () => compile(schema));
  byIdentity.set(schema, result);
  return result;
}

/**
 * Variables checked against the prompt's schema, defaults applied. Without a schema any object
 * passes unchanged (strict variables in the templates still catch names that are not there).
 */
export function validateVariables(schema: VariablesSchema | undefined, variables: unknown): VariablesResult {
  if (schema === undefined) {
    if (typeof variables === 'object' && variables !== null && !Array.isArray(variables)) {
      return { ok: true, variables: { ...(variables as Record<string, unknown>) } };
    }
    return { ok: false, error: invalid(['(variables): must be an object']) };
  }
  const compiled = compileVariablesSchema(schema);
  return compiled.ok ? compiled.validator.validate(variables) : compiled;
}

function compile(schema: VariablesSchema): CompileVariablesSchemaResult {
  // One Ajv per schema: nothing leaks between prompts (a nested `$id` in one cannot clash with
  // another's) and evicting the cache entry frees the compiled code with it.
  const ajv = new Ajv2020({
    allErrors: true,
    useDefaults: true,
    strict: true,
    allowUnionTypes: true,
    code: { regExp: linearRegExpEngine },
  });
  addFormats(ajv);
  let validateFunction: ValidateFunction;
  try {
    validateFunction = ajv.compile(schema);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: new PromptopsError(
        'file_invalid',
        `the variables schema is not a valid JSON Schema: ${message}`,
        {
          location: { file: '', field: 'variables' },
        },
      ),
    };
  }
  return {
    ok: true,
    validator: {
      validate(variables) {
        // Ajv writes defaults into the object it validates; the caller's object stays untouched.
        const copy = structuredClone(variables);
        if (validateFunction(copy)) return { ok: true, variables: copy as Record<string, unknown> };
        return { ok: false, error: invalid((validateFunction.errors ?? []).map(describeIssue)) };
      },
    },
  };
}

function invalid(messages: string[]): PromptopsError {
  const summary = messages.length === 1 ? 'a variable is invalid' : `${messages.length} variable problems`;
  return new PromptopsError('variable_invalid', `${summary}: ${messages.join('; ')}`, {
    issues: messages.map((message) => ({ message })),
  });
}

/** `order_id: must be string`, `message: is required`, `items[0].sku: must be string`. */
function describeIssue(issue: ErrorObject): string {
  const path = fieldPath(issue.instancePath);
  const params = issue.params as Record<string, unknown>;
  if (issue.keyword === 'required')
    return `${join(path, String(params.missingProperty))}: is required but missing`;
  if (issue.keyword === 'additionalProperties') {
    return `${join(path, String(params.additionalProperty))}: is not a declared variable`;
  }
  if (issue.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `${path || '(variables)'}: must be one of ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  return `${path || '(variables)'}: ${issue.message ?? issue.keyword}`;
}

function fieldPath(instancePath: string): string {
  if (instancePath === '') return '';
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : join(path, segment)), '');
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function hashOf(schema: unknown): string {
  return createHash('sha256').update(stableJson(schema)).digest('hex');
}

/** JSON with object keys sorted, so equal schemas written in a different key order share a validator. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
