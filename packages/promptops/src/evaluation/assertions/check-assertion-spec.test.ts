import { describe, expect, it } from 'vitest';
import { ASSERTION_TYPES, NOT_NEGATABLE } from './assertion-handlers.ts';
import { checkAssertionSpec } from './check-assertion-spec.ts';

describe('checkAssertionSpec', () => {
  it('accepts a well-formed spec of every type', () => {
    const examples: Record<(typeof ASSERTION_TYPES)[number], Record<string, unknown>> = {
      equals: { value: 'billing' },
      contains: { value: ['a', 'b'] },
      icontains: { value: 'a' },
      'contains-any': { value: 'a, b' },
      'contains-all': { value: ['a'] },
      'icontains-any': { value: ['a'] },
      'icontains-all': { value: ['a'] },
      'starts-with': { value: 'Hi' },
      regex: { value: '^\\d+$', flags: 'i' },
      'is-json': {},
      'json-schema': {
        value: { type: 'object', required: ['intent'], properties: { intent: { type: 'string' } } },
      },
      'json-path': { path: '$.intent', in: ['billing', 'tech'] },
      'max-chars': { value: 280 },
      'max-words': { value: 50 },
      'max-sentences': { value: 3 },
      latency: { threshold: 2000 },
      cost: { value: 0.01 },
      status: { value: ['ok', 'uncertain'] },
      'no-pii': { entities: ['email', 'credit_card'] },
      guard: { value: { stage: 'output', action: 'block', check: 'pii' } },
      'tool-call': { value: { tool: 'issue_refund', decision: 'deny' } },
      'is-refusal': {},
      similar: { value: 'We issued a refund', threshold: 0.85 },
      'llm-rubric': { value: 'Is polite', threshold: 0.7 },
      readability: { value: { min_reading_ease: 60, max_grade: 8 } },
    };
    for (const type of ASSERTION_TYPES) {
      expect(checkAssertionSpec({ type, ...examples[type] }), type).toBeUndefined();
      if (!NOT_NEGATABLE.includes(type))
        expect(checkAssertionSpec({ type: `not-${type}`, ...examples[type] })).toBeUndefined();
    }
  });

  it.each([
    [{ type: '' }, 'type is required'],
    [{ type: 'contians', value: 'x' }, 'type "contians" is unknown; did you mean "contains"?'],
    [{ type: 'not-icontain', value: 'x' }, 'type "not-icontain" is unknown; did you mean "not-icontains"?'],
    [{ type: 'llm-rubrik', value: 'x' }, 'type "llm-rubrik" is unknown; did you mean "llm-rubric"?'],
    [{ type: 'frobnicate' }, 'type "frobnicate" is unknown'],
    [
      { type: 'guardrails' },
      'type "guardrails" is unknown; promptfoo\'s "guardrails" (passes when nothing was flagged) is "not-guard" here',
    ],
    [
      { type: 'javascript', value: 'output.length > 3' },
      'type "javascript" is unknown; code assertions are not supported: a suite file never runs code',
    ],
    [{ type: 'not-latency', value: 100 }, 'type "not-latency" has no not- form: latency is a ceiling'],
    [{ type: 'contains', value: 'x', weight: -1 }, 'weight must be a number ≥ 0, got -1'],
    [{ type: 'contains', value: 'x', weight: '2' }, 'weight must be a number ≥ 0, got "2"'],
    [{ type: 'contains' }, 'value is required'],
    [{ type: 'contains', value: { a: 1 } }, 'value must be a string or a list of strings'],
    [{ type: 'contains-any', value: [] }, 'value must not be an empty list'],
    [{ type: 'contains-all', value: ['a', null] }, 'value[1] must be a string'],
    [{ type: 'contains', value: 'x', threshold: 0.5 }, 'threshold is not used by contains'],
    [{ type: 'equals' }, 'value is required'],
    [{ type: 'regex', value: '(a)\\1' }, /^value uses a backreference/],
    [{ type: 'regex', value: '(?=a)b' }, /^value uses lookahead or lookbehind/],
    [{ type: 'regex', value: '(' }, /^value is not a valid regular expression/],
    [{ type: 'regex', value: 'a', flags: 'g' }, 'flags has flag "g"; only i, m, s and u are allowed'],
    [{ type: 'json-schema' }, 'value is required (a JSON Schema)'],
    [{ type: 'json-schema', value: { type: 'objct' } }, /^value is not a valid JSON Schema: .*type/],
    [
      { type: 'is-json', value: { type: 'object', requird: ['a'] } },
      /^value is not a valid JSON Schema: unknown keyword: "requird"/,
    ],
    [
      { type: 'is-json', value: { type: 'string', pattern: '(a)\\1' } },
      /^value is not a valid JSON Schema: .*backreference/,
    ],
    [{ type: 'json-path', equals: 'x' }, 'path is required, like "$.intent"'],
    [{ type: 'json-path', path: '$..intent', equals: 'x' }, /^path uses recursive descent/],
    [{ type: 'json-path', path: '$.intent' }, 'one of equals, in, gte, lte, exists is required'],
    [
      { type: 'json-path', path: '$.intent', value: 'x' },
      'value is not used by json-path; use equals, in, gte, lte or exists',
    ],
    [
      { type: 'json-path', path: '$.a', equals: 1, gte: 0 },
      'equals and gte cannot be combined (only gte with lte)',
    ],
    [{ type: 'json-path', path: '$.a', in: 'x' }, 'in must be a non-empty list'],
    [{ type: 'json-path', path: '$.a', gte: '1' }, 'gte must be a number'],
    [{ type: 'json-path', path: '$.a', exists: 'yes' }, 'exists must be true or false'],
    [{ type: 'max-words' }, 'value is required'],
    [{ type: 'max-words', value: -3 }, 'value must be a number ≥ 0, got -3'],
    [{ type: 'latency' }, 'value is required'],
    [{ type: 'cost', value: 1, threshold: 1 }, 'give value or threshold, not both'],
    [
      { type: 'status', value: 'success' },
      'value "success" is not a status (ok, uncertain, escalated, blocked, failed)',
    ],
    [{ type: 'status' }, 'value is required (ok, uncertain, escalated, blocked, failed or a list)'],
    [
      { type: 'no-pii', entities: ['credt_card'] },
      'entities: unknown "credt_card"; did you mean "credit_card"?',
    ],
    [{ type: 'no-pii', entities: 'email' }, 'entities must be a list of entity names, like [email, phone]'],
    [{ type: 'guard', value: 'block' }, 'value must be a map with stage, action or check'],
    [
      { type: 'guard', value: { acton: 'block' } },
      'value.acton is not a known field (expected stage, action, check)',
    ],
    [{ type: 'guard', value: { action: 'allow' } }, 'value.action must be one of block, escalate, redact'],
    [{ type: 'guard', value: { stage: 'middle' } }, 'value.stage must be input or output'],
    [{ type: 'similar', value: 'x', threshold: 80 }, 'threshold must be a number from 0 to 1, got 80'],
    [{ type: 'llm-rubric' }, 'value is required (the rubric)'],
    [{ type: 'llm-rubric', value: '  ' }, 'value must be the rubric text'],
    [
      { type: 'readability', value: 60 },
      'value must be a map like { min_reading_ease: 60 } or { max_grade: 8 }',
    ],
    [{ type: 'readability', value: {} }, 'value needs min_reading_ease or max_grade'],
    [{ type: 'readability', value: { max_grade: 'eight' } }, 'value.max_grade must be a number'],
    [
      { type: 'readability', value: { min_ease: 60 } },
      'value.min_ease is not a known field (expected min_reading_ease, max_grade)',
    ],
    [{ type: 'readability', threshold: 60 }, 'threshold is not used; write value: { min_reading_ease: 60 }'],
  ])('refuses %j', (spec, message) => {
    const problem = checkAssertionSpec(spec as { type: string });
    if (typeof message === 'string') expect(problem).toBe(message);
    else expect(problem).toMatch(message);
  });
});
