import type { AssertionHandler } from './assertion-handler.ts';
import { containsAssertion, startsWithAssertion } from './contains.ts';
import { equalsAssertion } from './equals.ts';
import { isRefusalAssertion } from './is-refusal.ts';
import { isJsonAssertion, jsonPathAssertion, jsonSchemaAssertion } from './json-assertions.ts';
import { maxCharsAssertion, maxSentencesAssertion, maxWordsAssertion } from './length-limits.ts';
import { llmRubricAssertion } from './llm-rubric.ts';
import { noPiiAssertion } from './no-pii.ts';
import { readabilityAssertion } from './readability.ts';
import { regexAssertion } from './regex.ts';
import { costAssertion, guardAssertion, latencyAssertion, statusAssertion } from './run-assertions.ts';
import { similarAssertion } from './similar.ts';
import { toolCallAssertion } from './tool-call.ts';

/** Every assertion type, promptfoo's names where promptfoo has one. */
export const ASSERTION_TYPES = [
  'equals',
  'contains',
  'icontains',
  'contains-any',
  'contains-all',
  'icontains-any',
  'icontains-all',
  'starts-with',
  'regex',
  'is-json',
  'json-schema',
  'json-path',
  'max-chars',
  'max-words',
  'max-sentences',
  'latency',
  'cost',
  'status',
  'no-pii',
  'guard',
  'tool-call',
  'is-refusal',
  'similar',
  'llm-rubric',
  'readability',
] as const;

export type AssertionType = (typeof ASSERTION_TYPES)[number];

/**
 * Types with no `not-` form: a budget is a ceiling, and "slower / dearer than" is never a quality
 * to test for.
 */
export const NOT_NEGATABLE: readonly AssertionType[] = ['latency', 'cost'];

/** Types scored on a 0..1 scale that take `threshold` as their pass mark (checked as 0..1). */
export const THRESHOLD_TYPES: readonly AssertionType[] = ['similar', 'llm-rubric'];

export const ASSERTION_HANDLERS: Record<AssertionType, AssertionHandler> = {
  equals: equalsAssertion,
  contains: containsAssertion({ mode: 'all', ignoreCase: false, splitCommas: false }),
  icontains: containsAssertion({ mode: 'all', ignoreCase: true, splitCommas: false }),
  'contains-any': containsAssertion({ mode: 'any', ignoreCase: false, splitCommas: true }),
  'contains-all': containsAssertion({ mode: 'all', ignoreCase: false, splitCommas: true }),
  'icontains-any': containsAssertion({ mode: 'any', ignoreCase: true, splitCommas: true }),
  'icontains-all': containsAssertion({ mode: 'all', ignoreCase: true, splitCommas: true }),
  'starts-with': startsWithAssertion,
  regex: regexAssertion,
  'is-json': isJsonAssertion,
  'json-schema': jsonSchemaAssertion,
  'json-path': jsonPathAssertion,
  'max-chars': maxCharsAssertion,
  'max-words': maxWordsAssertion,
  'max-sentences': maxSentencesAssertion,
  latency: latencyAssertion,
  cost: costAssertion,
  status: statusAssertion,
  'no-pii': noPiiAssertion,
  guard: guardAssertion,
  'tool-call': toolCallAssertion,
  'is-refusal': isRefusalAssertion,
  similar: similarAssertion,
  'llm-rubric': llmRubricAssertion,
  readability: readabilityAssertion,
};

/** `not-contains` → { base: 'contains', negated: true }; undefined for an unknown type. */
export function parseAssertionType(type: string): { base: AssertionType; negated: boolean } | undefined {
  const negated = type.startsWith('not-');
  const base = negated ? type.slice(4) : type;
  return (ASSERTION_TYPES as readonly string[]).includes(base)
    ? { base: base as AssertionType, negated }
    : undefined;
}
