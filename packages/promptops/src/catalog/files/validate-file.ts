import type { z } from 'zod';
import { suggestName } from '../../errors/suggest-name.ts';
import { valueAtPath } from './field-path.ts';
import { type FileErrorCode, filesError, type LocatedIssue } from './file-issues.ts';
import { knownKeysAt } from './schema-navigation.ts';
import type { YamlDocument } from './yaml-document.ts';

/** An expected failure is a value: the checked data, or every located problem. */
export type FileCheck<Value> = { ok: true; value: Value } | { ok: false; issues: LocatedIssue[] };

/** Listing the allowed keys helps with small maps; with more than this the list is noise. */
const MAX_KEYS_LISTED = 12;

/**
 * Checks a YAML document against a Zod schema and turns every Zod issue into a located one. `data`
 * defaults to the document's data; pass a copy when a loader has taken keys out (a prompt's `name`).
 * @example checkFile(PromptContent, document) // { ok: false, issues: [{ message: 'unknown key "temprature"; did you mean "temperature"?', location: { file, line: 14, column: 5, field: 'model.params.temprature' } }] }
 */
export function checkFile<Schema extends z.ZodType>(
  schema: Schema,
  document: YamlDocument,
  data: unknown = document.data,
): FileCheck<z.output<Schema>> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: locateZodIssues(schema, document, data, result.error.issues) };
}

/** `checkFile` that throws one `file_invalid` (or `config_invalid`) error naming every problem. */
export function validateFile<Schema extends z.ZodType>(
  schema: Schema,
  document: YamlDocument,
  code: FileErrorCode = 'file_invalid',
): z.output<Schema> {
  const check = checkFile(schema, document);
  if (!check.ok) throw filesError(check.issues, code);
  return check.value;
}

export function locateZodIssues(
  schema: z.ZodType,
  document: YamlDocument,
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): LocatedIssue[] {
  return issues.flatMap((issue) => locateZodIssue(schema, document, data, issue, prefix));
}

function locateZodIssue(
  schema: z.ZodType,
  document: YamlDocument,
  data: unknown,
  issue: z.core.$ZodIssue,
  prefix: readonly PropertyKey[],
): LocatedIssue[] {
  const path = [...prefix, ...issue.path];
  const at = (message: string, where: readonly PropertyKey[] = path): LocatedIssue => ({
    message,
    location: document.locate(where as (string | number)[]),
  });
  const value = valueAtPath(data, path);

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => at(unknownKeyMessage(key, knownKeysAt(schema, path)), [...path, key]));
    case 'invalid_union': {
      // An alternative whose type the value has (its problems are not "expected string") is the one
      // the person meant; its problems are the useful ones.
      const meant = issue.errors.find(
        (branch) => !branch.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0),
      );
      if (meant) return locateZodIssues(schema, document, data, meant, path);
      const expected = issue.errors
        .flat()
        .flatMap((inner) =>
          inner.code === 'invalid_type' ? [inner.expected === 'record' ? 'object' : inner.expected] : [],
        );
      if (expected.length === 0) return [at(issue.message)];
      return [
        at(`Invalid input: expected ${[...new Set(expected)].join(' or ')}, received ${typeName(value)}`),
      ];
    }
    case 'invalid_key':
      return [
        at(
          `invalid key ${JSON.stringify(String(path.at(-1)))}: ${issue.issues.map((inner) => inner.message).join('; ')}`,
        ),
      ];
    case 'invalid_type':
      if (path.length === 0) {
        const found = data === null ? 'the file is empty' : `found ${typeName(data)}`;
        return [at(`expected a map of keys at the top level; ${found}`)];
      }
      if (value === undefined && isMap(valueAtPath(data, path.slice(0, -1)))) {
        return [at(`missing required key ${JSON.stringify(String(path.at(-1)))}`)];
      }
      return [at(issue.message)];
    case 'invalid_value': {
      const options = issue.values.map(String);
      const suggestion = typeof value === 'string' ? suggestName(value, options) : undefined;
      return [at(suggestion ? `${issue.message}; did you mean "${suggestion}"?` : issue.message)];
    }
    default:
      return [at(issue.message)];
  }
}

function unknownKeyMessage(key: string, known: string[]): string {
  const suggestion = suggestName(key, known);
  if (suggestion) return `unknown key "${key}"; did you mean "${suggestion}"?`;
  if (known.length > 0 && known.length <= MAX_KEYS_LISTED)
    return `unknown key "${key}"; expected one of: ${known.join(', ')}`;
  return `unknown key "${key}"`;
}

function isMap(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
