import type { z } from 'zod';

/**
 * Walks Zod schemas by the fields of a file, to name the keys a map may hold ("did you mean …?") and
 * to write keys back in the order the schema declares them. Reads `_zod.def`, Zod 4's public
 * definition object, so it sees through optional/default/pipe/lazy wrappers and unions.
 */
interface Definition {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  entries?: Record<string, string | number>;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

export function definitionOf(schema: z.ZodType): Definition {
  return schema._zod.def as unknown as Definition;
}

/** The schemas a value may match, wrappers removed and unions fanned out. */
export function expandSchema(schema: z.ZodType): z.ZodType[] {
  const definition = definitionOf(schema);
  if (WRAPPERS.has(definition.type) && definition.innerType) return expandSchema(definition.innerType);
  if (definition.type === 'pipe' && definition.in) return expandSchema(definition.in);
  if (definition.type === 'lazy' && definition.getter) return expandSchema(definition.getter());
  if (definition.type === 'union' && definition.options) return definition.options.flatMap(expandSchema);
  if (definition.type === 'intersection' && definition.left && definition.right) {
    return [...expandSchema(definition.left), ...expandSchema(definition.right)];
  }
  return [schema];
}

/** The schemas that describe the value one step down from `schema`. */
export function childSchemas(schema: z.ZodType, segment: string | number): z.ZodType[] {
  return expandSchema(schema).flatMap((candidate) => {
    const definition = definitionOf(candidate);
    if (definition.type === 'object' && definition.shape) {
      const child = definition.shape[String(segment)];
      return child ? [child] : [];
    }
    if (definition.type === 'record' && definition.valueType) return [definition.valueType];
    if (definition.type === 'array' && definition.element && typeof segment === 'number')
      return [definition.element];
    return [];
  });
}

export function schemasAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType[] {
  let current = [schema];
  for (const segment of path) {
    current = current.flatMap((candidate) => childSchemas(candidate, segment as string | number));
  }
  return current;
}

/** Keys a map at `path` may hold: object shapes, and records keyed by an enum. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const candidate of schemasAt(schema, path).flatMap(expandSchema)) {
    const definition = definitionOf(candidate);
    if (definition.type === 'object' && definition.shape)
      for (const key of Object.keys(definition.shape)) keys.add(key);
    if (definition.type === 'record' && definition.keyType) {
      for (const keySchema of expandSchema(definition.keyType)) {
        const entries = definitionOf(keySchema).entries;
        if (entries) for (const value of Object.values(entries)) keys.add(String(value));
      }
    }
  }
  return [...keys];
}
