import { expect, test } from 'vitest';
import type { VariablesSchema } from '../catalog/content/prompt-content.ts';
import { coerceCliVariable } from './coerce-cli-variable.ts';

const SCHEMA: VariablesSchema = {
  type: 'object',
  properties: {
    order_id: { type: 'string' },
    count: { type: 'integer' },
    tags: { type: 'array', items: { type: 'string' } },
    vip: { type: 'boolean' },
    tone: { enum: ['friendly', 'formal'] },
    anything: {},
  },
};

test('string variables keep the text exactly, even when it looks like JSON', () => {
  expect(coerceCliVariable(SCHEMA, 'order_id', '4521')).toEqual({ ok: true, value: '4521' });
  expect(coerceCliVariable(SCHEMA, 'order_id', '"quoted"')).toEqual({ ok: true, value: '"quoted"' });
  expect(coerceCliVariable(SCHEMA, 'tone', 'formal')).toEqual({ ok: true, value: 'formal' });
});

test('other types are read as JSON', () => {
  expect(coerceCliVariable(SCHEMA, 'count', '3')).toEqual({ ok: true, value: 3 });
  expect(coerceCliVariable(SCHEMA, 'tags', '["a","b"]')).toEqual({ ok: true, value: ['a', 'b'] });
  expect(coerceCliVariable(SCHEMA, 'vip', 'true')).toEqual({ ok: true, value: true });
});

test('a value that is not JSON for a typed variable is a clear error with an example', () => {
  const result = coerceCliVariable(SCHEMA, 'tags', 'a,b');
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('variable_invalid');
  expect(result.error.message).toBe(
    `--var tags=a,b: 'tags' is array, so the value must be JSON (e.g. --var tags='["a","b"]')`,
  );
});

test('untyped or undeclared variables take JSON when it parses, text otherwise', () => {
  expect(coerceCliVariable(SCHEMA, 'anything', '{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  expect(coerceCliVariable(SCHEMA, 'anything', 'plain words')).toEqual({ ok: true, value: 'plain words' });
  expect(coerceCliVariable(undefined, 'x', '2')).toEqual({ ok: true, value: 2 });
});

test('a name the schema does not allow is an error listing the declared ones', () => {
  const closed: VariablesSchema = { ...SCHEMA, additionalProperties: false };
  const result = coerceCliVariable(closed, 'ordr_id', '1');
  expect(!result.ok && result.error.message).toBe(
    "--var ordr_id: no variable named 'ordr_id' (declared: order_id, count, tags, vip, tone, anything)",
  );
});
