import { describe, expect, it } from 'vitest';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import { checkOutput, formatReminder } from './check-output.ts';

type OutputSpec = NonNullable<PromptContent['output']>;

const intentSchema = {
  type: 'object',
  properties: {
    intent: { enum: ['refund', 'tracking', 'other'] },
    confidence: { type: 'number' },
  },
  required: ['intent', 'confidence'],
  additionalProperties: false,
};

const json: OutputSpec = { format: 'json', schema: intentSchema };
const withThresholds: OutputSpec = {
  format: 'json',
  schema: intentSchema,
  confidence: { field: 'confidence', auto: 0.9, verify: 0.7 },
};

describe('checkOutput', () => {
  it('accepts any text when the prompt has no output spec', () => {
    expect(checkOutput('Sure, here is {not json', undefined)).toEqual({
      valid: true,
      parsed: undefined,
      status: 'ok',
    });
  });

  it('refuses an answer longer than max_chars and says by how much', () => {
    const spec: OutputSpec = { format: 'text', max_chars: 10 };
    expect(checkOutput('0123456789', spec)).toMatchObject({ valid: true, status: 'ok' });
    const check = checkOutput('0123456789A', spec);
    expect(check.valid).toBe(false);
    expect(!check.valid && check.problem).toContain('11 characters');
    expect(!check.valid && check.problem).toContain('at most 10');
  });

  it('applies max_chars to JSON answers too', () => {
    const check = checkOutput('{"intent":"refund","confidence":0.95}', { ...json, max_chars: 20 });
    expect(check.valid).toBe(false);
  });

  it('parses a JSON answer, also inside a ```json fence', () => {
    const plain = checkOutput('{"intent":"refund","confidence":0.95}', json);
    expect(plain).toEqual({ valid: true, parsed: { intent: 'refund', confidence: 0.95 }, status: 'ok' });
    const fenced = checkOutput('```json\n{"intent": "tracking", "confidence": 0.5}\n```\n', json);
    expect(fenced).toMatchObject({ valid: true, parsed: { intent: 'tracking', confidence: 0.5 } });
    const bareFence = checkOutput('```\n{"intent": "other", "confidence": 0.1}\n```', json);
    expect(bareFence).toMatchObject({ valid: true, parsed: { intent: 'other' } });
  });

  it('names invalid JSON as the problem', () => {
    const check = checkOutput('The intent is refund.', json);
    expect(check.valid).toBe(false);
    expect(!check.valid && check.problem).toMatch(/not valid JSON/);
    expect(checkOutput('```json\n{"intent": \n```', json).valid).toBe(false);
  });

  it('names the path of a schema mismatch', () => {
    const check = checkOutput('{"intent":"complaint","confidence":0.9}', json);
    expect(check.valid).toBe(false);
    expect(!check.valid && check.problem).toContain('does not match the schema');
    expect(!check.valid && check.problem).toContain('/intent');
  });

  it('names a missing required field', () => {
    const check = checkOutput('{"intent":"refund"}', json);
    expect(!check.valid && check.problem).toContain('confidence');
  });

  it('treats `status: uncertain` as the model’s explicit “I don’t know”, with its reason, whatever the schema', () => {
    const check = checkOutput(
      '{"status":"uncertain","reason":"the order number is missing"}',
      withThresholds,
    );
    expect(check).toEqual({
      valid: true,
      parsed: { status: 'uncertain', reason: 'the order number is missing' },
      status: 'uncertain',
      reason: 'the order number is missing',
    });
  });

  it('refuses a missing, non-numeric or out-of-range confidence', () => {
    for (const answer of ['{"intent":"refund","confidence":1.2}', '{"intent":"refund","confidence":-0.1}']) {
      const check = checkOutput(answer, withThresholds);
      expect(check.valid).toBe(false);
      expect(!check.valid && check.problem).toContain('"confidence" must be a number from 0 to 1');
    }
    const noSchema: OutputSpec = {
      format: 'json',
      confidence: { field: 'certainty', auto: 0.9, verify: 0.7 },
    };
    for (const answer of ['{"intent":"refund"}', '{"intent":"refund","certainty":"high"}']) {
      const check = checkOutput(answer, noSchema);
      expect(check.valid).toBe(false);
      expect(!check.valid && check.problem).toContain('"certainty"');
    }
  });

  it.each([
    [1, 'auto', 'ok'],
    [0.9, 'auto', 'ok'],
    [0.8999, 'verify', 'ok'],
    [0.7, 'verify', 'ok'],
    [0.6999, 'escalate', 'escalated'],
    [0, 'escalate', 'escalated'],
  ] as const)('confidence %s → decision %s, status %s', (confidence, decision, status) => {
    const check = checkOutput(JSON.stringify({ intent: 'refund', confidence }), withThresholds);
    expect(check).toMatchObject({ valid: true, decision, status, confidence });
  });
});

describe('formatReminder', () => {
  it('asks a JSON prompt for only a JSON object matching the schema, quoting the problem', () => {
    const reminder = formatReminder(json, 'the answer is not valid JSON (Unexpected token)');
    expect(reminder).toContain('the answer is not valid JSON (Unexpected token)');
    expect(reminder).toContain('JSON object');
    expect(reminder).toContain('schema');
  });

  it('does not mention a schema a JSON prompt does not have, nor JSON to a text prompt', () => {
    expect(formatReminder({ format: 'json' }, 'x')).not.toContain('schema');
    const text = formatReminder({ format: 'text', max_chars: 10 }, 'too long');
    expect(text).toContain('too long');
    expect(text).not.toContain('JSON');
  });
});
