import type { AssertionSpec } from '../eval-types.ts';

/**
 * Field checks shared by the handlers. Each returns a problem worded `<field> …` (the loader adds
 * file:line and the assertion's position), or undefined.
 */
export function checkText(spec: AssertionSpec, field = 'value'): string | undefined {
  const value = spec[field];
  if (value === undefined) return `${field} is required`;
  if (typeof value !== 'string' && typeof value !== 'number') return `${field} must be a string`;
  return undefined;
}

export function checkTextOrList(spec: AssertionSpec, field = 'value'): string | undefined {
  const value = spec[field];
  if (value === undefined) return `${field} is required`;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${field} must not be an empty list`;
    const index = value.findIndex((item) => typeof item !== 'string' && typeof item !== 'number');
    return index === -1 ? undefined : `${field}[${index}] must be a string`;
  }
  return typeof value === 'string' || typeof value === 'number'
    ? undefined
    : `${field} must be a string or a list of strings`;
}

/** A finite number ≥ 0 (limits, budgets). */
export function checkLimit(spec: AssertionSpec, field = 'value'): string | undefined {
  const value = spec[field];
  if (value === undefined) return `${field} is required`;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    return `${field} must be a number ≥ 0, got ${JSON.stringify(value)}`;
  return undefined;
}

/** Strings from a string, a number or a list of them (checked first). */
export function textList(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Problem for a field of an object value that the type does not know, with the ones it does. */
export function unknownKeys(
  value: Record<string, unknown>,
  known: readonly string[],
  field: string,
): string | undefined {
  const extra = Object.keys(value).find((key) => !known.includes(key));
  return extra === undefined
    ? undefined
    : `${field}.${extra} is not a known field (expected ${known.join(', ')})`;
}
