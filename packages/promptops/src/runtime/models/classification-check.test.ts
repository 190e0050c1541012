import { expect, test } from 'vitest';
import { Policies } from '../../governance/policies/policies-schema.ts';
import { isModelAllowed } from './classification-check.ts';

const policies = Policies.parse({
  models_by_classification: {
    public: ['*'],
    confidential: ['azure/*', 'anthropic/claude-sonnet-4-5'],
    restricted: [],
  },
});

test('a model matched by the classification’s globs is allowed', () => {
  expect(isModelAllowed('openai/gpt-4o', 'public', policies)).toEqual({ allowed: true });
  expect(isModelAllowed('azure/gpt-4o-mini', 'confidential', policies)).toEqual({ allowed: true });
  expect(isModelAllowed('anthropic/claude-sonnet-4-5', 'confidential', policies)).toEqual({ allowed: true });
});

test('a refusal says which model, which classification and what the policy allows', () => {
  const result = isModelAllowed('openai/gpt-4o', 'confidential', policies);
  expect(result.allowed).toBe(false);
  if (result.allowed) return;
  expect(result.reason).toContain('openai/gpt-4o is not allowed for confidential data');
  expect(result.reason).toContain('azure/*, anthropic/claude-sonnet-4-5');
});

test('an empty list allows nothing', () => {
  const result = isModelAllowed('azure/gpt-4o', 'restricted', policies);
  expect(result).toMatchObject({ allowed: false, reason: expect.stringContaining('allows no model') });
});

test('unlisted classifications: restricted fails closed, the others stay open', () => {
  const none = Policies.parse({});
  expect(isModelAllowed('openai/gpt-4o', 'internal', none)).toEqual({ allowed: true });
  expect(isModelAllowed('openai/gpt-4o', 'confidential', none)).toEqual({ allowed: true });
  const restricted = isModelAllowed('openai/gpt-4o', 'restricted', none);
  expect(restricted).toMatchObject({
    allowed: false,
    reason: expect.stringContaining('models_by_classification.restricted'),
  });
});
