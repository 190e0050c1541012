import type { z } from 'zod';
import { JsonSchemaObject } from '../content/prompt-content.ts';
import { definitionOf, expandSchema } from './schema-navigation.ts';

/**
 * Puts keys back in the order the schema declares them, recursively: content read back from the
 * database comes with its keys sorted (canonical JSON) or reordered (Postgres jsonb), and a pulled
 * file should read like a written one (description first, messages before model). Empty lists that
 * are the default (`tags: []`) are left out.
 */
export function orderKeys(schema: z.ZodType, value: unknown): unknown {
  if (expandSchema(schema).includes(JsonSchemaObject)) return orderJsonSchema(value);
  if (Array.isArray(value)) {
    const element = expandSchema(schema)
      .map(definitionOf)
      .find((definition) => definition.type === 'array')?.element;
    return element ? value.map((item) => orderKeys(element, item)) : value;
  }
  if (!isMap(value)) return value;
  const definitions = expandSchema(schema).map(definitionOf);
  const shape = definitions.find((definition) => definition.type === 'object')?.shape;
  if (shape) {
    const keys = [...Object.keys(shape), ...Object.keys(value).filter((key) => !Object.hasOwn(shape, key))];
    const ordered: Record<string, unknown> = {};
    for (const key of keys) {
      const child = shape[key];
      const member = value[key];
      if (member === undefined || (child && isEmptyDefault(child, member))) continue;
      ordered[key] = child ? orderKeys(child, member) : member;
    }
    return ordered;
  }
  const valueType = definitions.find((definition) => definition.type === 'record')?.valueType;
  if (!valueType) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => [key, orderKeys(valueType, member)]),
  );
}

function isEmptyDefault(schema: z.ZodType, value: unknown): boolean {
  const definition = definitionOf(schema) as { type: string; defaultValue?: unknown };
  return (
    definition.type === 'default' &&
    Array.isArray(value) &&
    value.length === 0 &&
    Array.isArray(definition.defaultValue) &&
    definition.defaultValue.length === 0
  );
}

/** The order people write JSON Schema in; keywords not listed keep their place after these. */
const KEYWORD_ORDER = [
  '$schema',
  '$id',
  '$ref',
  'title',
  'type',
  'const',
  'enum',
  'format',
  'pattern',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'items',
  'prefixItems',
  'additionalProperties',
  'required',
  'properties',
  'patternProperties',
  'default',
  'description',
  'examples',
];
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const SCHEMA_VALUES = new Set([
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
]);

function orderJsonSchema(schema: unknown): unknown {
  if (!isMap(schema)) return schema;
  const rank = (key: string) => {
    const index = KEYWORD_ORDER.indexOf(key);
    return index === -1 ? KEYWORD_ORDER.length : index;
  };
  const keys = Object.keys(schema).sort((left, right) => rank(left) - rank(right));
  const ordered: Record<string, unknown> = {};
  for (const key of keys) {
    const member = schema[key];
    if (SCHEMA_MAPS.has(key) && isMap(member)) {
      ordered[key] = Object.fromEntries(
        Object.entries(member).map(([name, child]) => [name, orderJsonSchema(child)]),
      );
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(member)) {
      ordered[key] = member.map(orderJsonSchema);
    } else if (SCHEMA_VALUES.has(key)) {
      ordered[key] = orderJsonSchema(member);
    } else {
      ordered[key] = member;
    }
  }
  return ordered;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
