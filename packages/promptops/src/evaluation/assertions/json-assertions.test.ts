import { describe, expect, it } from 'vitest';
import { grade } from './test-fixtures.ts';

const schema = {
  type: 'object',
  properties: { intent: { type: 'string', enum: ['billing', 'tech'] }, confidence: { type: 'number' } },
  required: ['intent'],
};
const answer = '{"intent": "billing", "confidence": 0.92, "tags": ["refund"]}';

describe('is-json and json-schema', () => {
  it('is-json passes on JSON and fails quoting the text otherwise', async () => {
    expect((await grade({ type: 'is-json' }, answer)).pass).toBe(true);
    expect((await grade({ type: 'is-json' }, 'Sure! {"a": 1}')).reason).toBe(
      'expected valid JSON, found not JSON: "Sure! {\\"a\\": 1}"',
    );
    expect((await grade({ type: 'not-is-json' }, 'plain text')).pass).toBe(true);
    expect((await grade({ type: 'not-is-json' }, answer)).pass).toBe(false);
  });

  it('is-json with a value and json-schema validate against the schema', async () => {
    expect((await grade({ type: 'is-json', value: schema }, answer)).pass).toBe(true);
    expect((await grade({ type: 'json-schema', value: schema }, answer)).pass).toBe(true);
    expect((await grade({ type: 'json-schema', value: schema }, '{"intent": "sales"}')).reason).toBe(
      'expected JSON matching the schema, found $.intent: must be equal to one of the allowed values',
    );
    expect((await grade({ type: 'json-schema', value: schema }, '{}')).reason).toBe(
      'expected JSON matching the schema, found $: is missing "intent"',
    );
    expect((await grade({ type: 'not-json-schema', value: schema }, '{}')).pass).toBe(true);
  });
});

describe('json-path', () => {
  it('equals compares deeply', async () => {
    expect((await grade({ type: 'json-path', path: '$.intent', equals: 'billing' }, answer)).pass).toBe(true);
    expect((await grade({ type: 'json-path', path: '$.tags', equals: ['refund'] }, answer)).pass).toBe(true);
    expect((await grade({ type: 'json-path', path: '$.intent', equals: 'tech' }, answer)).reason).toBe(
      'expected $.intent = "tech", found "billing"',
    );
    expect((await grade({ type: 'not-json-path', path: '$.intent', equals: 'tech' }, answer)).pass).toBe(
      true,
    );
  });

  it('in, gte and lte (alone or as a range)', async () => {
    expect((await grade({ type: 'json-path', path: '$.intent', in: ['billing', 'tech'] }, answer)).pass).toBe(
      true,
    );
    expect((await grade({ type: 'json-path', path: '$.intent', in: ['tech'] }, answer)).pass).toBe(false);
    expect((await grade({ type: 'json-path', path: '$.confidence', gte: 0.9 }, answer)).pass).toBe(true);
    expect((await grade({ type: 'json-path', path: '$.confidence', lte: 0.9 }, answer)).reason).toBe(
      'expected $.confidence ≤ 0.9, found 0.92',
    );
    expect((await grade({ type: 'json-path', path: '$.confidence', gte: 0.5, lte: 1 }, answer)).pass).toBe(
      true,
    );
    expect((await grade({ type: 'json-path', path: '$.intent', gte: 1 }, answer)).reason).toBe(
      'expected $.intent ≥ 1, found "billing", not a number',
    );
  });

  it('exists, and a missing path fails', async () => {
    expect((await grade({ type: 'json-path', path: '$.tags[0]', exists: true }, answer)).pass).toBe(true);
    expect((await grade({ type: 'json-path', path: '$.tags[3]', exists: false }, answer)).pass).toBe(true);
    expect((await grade({ type: 'json-path', path: '$.customer.name', equals: 'x' }, answer)).reason).toBe(
      'expected $.customer.name = "x", found nothing at $.customer.name',
    );
    expect((await grade({ type: 'json-path', path: '$.intent', equals: 'x' }, 'nope')).reason).toBe(
      'expected $.intent = "x", found not JSON: "nope"',
    );
  });
});
