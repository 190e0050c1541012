import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { suggestName } from '../../errors/suggest-name.ts';
import { compileLinearPattern, linearRegExpEngine } from '../content/linear-pattern.ts';
import type { FieldPath } from './field-path.ts';
import type { LocatedIssue } from './file-issues.ts';
import type { YamlDocument } from './yaml-document.ts';

/** Keywords people mean when they misspell one ("requird"), for the "did you mean" hint. */
const COMMON_KEYWORDS = [
  'type',
  'properties',
  'required',
  'items',
  'enum',
  'const',
  'default',
  'description',
  'title',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'additionalProperties',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  '$ref',
  '$defs',
  'examples',
  'multipleOf',
  'patternProperties',
  'propertyNames',
  'prefixItems',
  'contains',
];

let sharedAjv: Ajv2020 | undefined;

/**
 * Strict, so a misspelt keyword is an error rather than a constraint that silently never applies.
 * The same options as the runtime's compiler (templates/variables.ts): a schema accepted here must
 * compile there.
 */
function ajv(): Ajv2020 {
  if (!sharedAjv) {
    sharedAjv = new Ajv2020({
      strict: true,
      allErrors: true,
      allowUnionTypes: true,
      code: { regExp: linearRegExpEngine },
    });
    formatsModule.default(sharedAjv);
  }
  return sharedAjv;
}

/**
 * Compiles a JSON Schema found at `path` in a file the way the runtime will, and names what is broken
 * with its line: meta-schema violations, strict-mode errors (unknown keywords, `required` names that
 * are not properties), unresolvable `$ref`s, unknown formats and unsafe `pattern`s.
 */
export function checkJsonSchema(schema: unknown, path: FieldPath, document: YamlDocument): LocatedIssue[] {
  const at = (message: string, inner: FieldPath = []): LocatedIssue => ({
    message: `invalid JSON Schema: ${message}`,
    location: document.locate([...path, ...inner]),
  });
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
    return [at('expected a map of keywords')];

  const patternIssues = findPatterns(schema, []).flatMap(({ pattern, where }) => {
    const compiled = compileLinearPattern(pattern);
    return compiled.ok ? [] : [at(`pattern ${JSON.stringify(pattern)} ${compiled.problem}`, where)];
  });
  if (patternIssues.length > 0) return patternIssues;

  const compiler = ajv();
  try {
    if (!compiler.validateSchema(schema))
      return metaSchemaIssues(compiler.errors ?? []).map(({ message, where }) => at(message, where));
    compiler.compile(schema);
    return [];
  } catch (error) {
    const reason = (error as Error).message
      .replace(/^strict mode: /, '')
      .replace(/ at (path )?"#[^"]*"( \(\w+\))?$/, '');
    return [at(withKeywordHint(reason), whereCompileFailed(schema, error))];
  } finally {
    compiler.removeSchema(schema);
  }
}

function metaSchemaIssues(errors: readonly ErrorObject[]): { message: string; where: FieldPath }[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors)
    byPath.set(error.instancePath, [...(byPath.get(error.instancePath) ?? []), error]);
  return [...byPath].map(([pointer, group]) => {
    const where = fromPointer(pointer);
    const keyword = where.at(-1);
    const allowed = group.find((error) => error.keyword === 'enum')?.params.allowedValues as
      | unknown[]
      | undefined;
    const first = group.find((error) => !['anyOf', 'oneOf'].includes(error.keyword)) ?? group[0];
    const reason = allowed ? `must be one of: ${allowed.join(', ')}` : (first?.message ?? 'is invalid');
    return {
      message: keyword === undefined ? reason : `${JSON.stringify(String(keyword))} ${reason}`,
      where,
    };
  });
}

/** Ajv names the failing place in its message (`at "#/properties/a"`) or on the error object. */
function whereCompileFailed(schema: object, error: unknown): FieldPath {
  const message = (error as Error).message;
  const unknownKeyword = /unknown keyword: "([^"]+)"/.exec(message)?.[1];
  if (unknownKeyword) return findKey(schema, [], (key) => key === unknownKeyword) ?? [];
  const missingRef = (error as { missingRef?: string }).missingRef;
  if (missingRef) return findKey(schema, [], (key, value) => key === '$ref' && value === missingRef) ?? [];
  const pointer = /at (?:path )?"#([^"]*)"/.exec(message)?.[1];
  const where = pointer === undefined ? [] : fromPointer(pointer);
  const keyword =
    /keyword "([^"]+)"/.exec(message)?.[1] ?? (/required property/.test(message) ? 'required' : undefined);
  return keyword ? [...where, keyword] : /unknown format/.test(message) ? [...where, 'format'] : where;
}

function withKeywordHint(message: string): string {
  const keyword = /unknown keyword: "([^"]+)"/.exec(message)?.[1];
  const suggestion = keyword ? suggestName(keyword, COMMON_KEYWORDS) : undefined;
  return suggestion ? `${message}; did you mean "${suggestion}"?` : message;
}

function fromPointer(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function findKey(
  value: unknown,
  path: (string | number)[],
  matches: (key: string, value: unknown) => boolean,
): (string | number)[] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, Array.isArray(value) ? Number(key) : key];
    if (matches(key, child)) return childPath;
    const found = findKey(child, childPath, matches);
    if (found) return found;
  }
  return undefined;
}

function findPatterns(value: unknown, path: (string | number)[]): { pattern: string; where: FieldPath }[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const childPath = [...path, Array.isArray(value) ? Number(key) : key];
    const own = key === 'pattern' && typeof child === 'string' ? [{ pattern: child, where: childPath }] : [];
    const keys =
      key === 'patternProperties' && child !== null && typeof child === 'object'
        ? Object.keys(child).map((pattern) => ({ pattern, where: [...childPath, pattern] }))
        : [];
    return [...own, ...keys, ...findPatterns(child, childPath)];
  });
}
