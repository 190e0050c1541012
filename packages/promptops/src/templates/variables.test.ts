import { describe, expect, test } from 'vitest';
import type { VariablesSchema } from '../catalog/content/prompt-content.ts';
import { compileVariablesSchema, validateVariables } from './variables.ts';

const SCHEMA: VariablesSchema = {
  type: 'object',
  properties: {
    message: { type: 'string', minLength: 1 },
    order_id: { type: 'string' },
    tone: { type: 'string', enum: ['friendly', 'formal'], default: 'friendly' },
    items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
    email: { type: 'string', format: 'email' },
  },
  required: ['message'],
  additionalProperties: false,
};

function issuesOf(result: ReturnType<typeof validateVariables>): string[] {
  if (result.ok) throw new Error('expected invalid variables');
  expect(result.error.code).toBe('variable_invalid');
  return (result.error.details.issues ?? []).map((issue) => issue.message);
}

describe('validateVariables', () => {
  test('applies defaults to a copy and leaves the caller’s object alone', () => {
    const input = { message: 'Hi' };
    expect(validateVariables(SCHEMA, input)).toEqual({
      ok: true,
      variables: { message: 'Hi', tone: 'friendly' },
    });
    expect(input).toEqual({ message: 'Hi' });
  });

  test('a missing required variable is named', () => {
    expect(issuesOf(validateVariables(SCHEMA, {}))).toEqual(['message: is required but missing']);
  });

  test('a wrong type names the variable, and every problem is reported at once', () => {
    const result = validateVariables(SCHEMA, { message: 'Hi', order_id: 4521, email: 'not-an-email' });
    expect(issuesOf(result)).toEqual(['order_id: must be string', 'email: must match format "email"']);
    expect(!result.ok && result.error.message).toContain('order_id: must be string');
  });

  test('nested fields and undeclared variables are named by path', () => {
    expect(issuesOf(validateVariables(SCHEMA, { message: 'Hi', items: [{ sku: 7 }], extra: 1 }))).toEqual([
      'extra: is not a declared variable',
      'items[0].sku: must be string',
    ]);
  });

  test('variables must be an object', () => {
    expect(issuesOf(validateVariables(SCHEMA, ['Hi']))).toEqual(['(variables): must be object']);
    expect(issuesOf(validateVariables(undefined, 'Hi'))).toEqual(['(variables): must be an object']);
  });

  test('without a schema any object passes unchanged', () => {
    expect(validateVariables(undefined, { anything: 1 })).toEqual({ ok: true, variables: { anything: 1 } });
  });
});

describe('compileVariablesSchema', () => {
  test('a broken schema is reported as a value pointing at the variables field', () => {
    const compiled = compileVariablesSchema({ type: 'object', properties: { count: { type: 'integr' } } });
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.error.code).toBe('file_invalid');
    expect(compiled.error.details.location?.field).toBe('variables');
    expect(compiled.error.message).toContain('not a valid JSON Schema');
  });

  test('strict mode rejects unknown keywords and formats rather than ignoring them', () => {
    expect(
      compileVariablesSchema({ type: 'object', properties: { a: { type: 'string', exampel: 'x' } } }).ok,
    ).toBe(false);
    expect(
      compileVariablesSchema({ type: 'object', properties: { a: { type: 'string', format: 'emial' } } }).ok,
    ).toBe(false);
  });

  test('the same schema written in another key order reuses the compiled validator', () => {
    const first = compileVariablesSchema({
      type: 'object',
      properties: { a: { type: 'string', minLength: 1 } },
    });
    const second = compileVariablesSchema({
      properties: { a: { minLength: 1, type: 'string' } },
      type: 'object',
    });
    expect(first.ok && second.ok && first.validator === second.validator).toBe(true);
  });
});
