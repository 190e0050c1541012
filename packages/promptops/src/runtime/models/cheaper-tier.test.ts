import { expect, test } from 'vitest';
import { ProjectConfig } from '../../catalog/files/project-config.ts';
import { Policies, type PoliciesInput } from '../../governance/policies/policies-schema.ts';
import { cheaperTier } from './cheaper-tier.ts';
import { createModelCatalog } from './model-catalog.ts';

const config = ProjectConfig.parse({
  project: { name: 'demo' },
  providers: {
    openai: { protocol: 'openai' },
    anthropic: { protocol: 'anthropic' },
    gateway: { protocol: 'openai', base_url: 'https://llm.acme.internal/v1' },
  },
  routes: {
    support: { model: 'anthropic/claude-sonnet-4-5', fallbacks: ['gateway/in-house-7b', 'openai/gpt-4o'] },
  },
  prices: { 'gateway/in-house-7b': { input_per_mtok: 0.01, output_per_mtok: 0.01 } },
});
const catalogWith = (policies: PoliciesInput = {}) =>
  createModelCatalog({ config, policies: Policies.parse(policies) });

test('the cheapest same-provider model with the needed capabilities is chosen', () => {
  const result = cheaperTier('openai/gpt-4o', catalogWith(), {
    classification: 'internal',
    requires: ['jsonSchema'],
  });
  expect(result).toMatchObject({ found: true, model: 'openai/gpt-5-nano', currency: 'USD' });
  if (result.found) expect(result.amount).toBeLessThan(result.currentAmount);
});

test('an embedding model is never offered for a chat model, nor a chat model for an embedding one', () => {
  const chat = cheaperTier('openai/gpt-4o-mini', catalogWith(), { classification: 'internal' });
  expect(chat.found && chat.model).not.toMatch(/embedding/);
  const embedding = cheaperTier('openai/text-embedding-3-large', catalogWith(), {
    classification: 'internal',
  });
  expect(embedding).toMatchObject({ found: true, model: 'openai/text-embedding-3-small' });
});

test('models not allowed for the classification are skipped', () => {
  const catalog = catalogWith({ models_by_classification: { confidential: ['openai/gpt-4o*'] } });
  const result = cheaperTier('openai/gpt-4o', catalog, {
    classification: 'confidential',
    requires: ['tools'],
  });
  expect(result).toMatchObject({ found: true, model: 'openai/gpt-4o-mini' });
});

test('a required capability that is unknown or missing disqualifies a model', () => {
  // Claude models are not known to enforce a JSON schema and the gateway model's capabilities are
  // unknown, so gpt-4o from the chain is the only candidate, though the gateway model is cheaper.
  const chain = ['anthropic/claude-sonnet-4-5', 'gateway/in-house-7b', 'openai/gpt-4o'];
  const withSchema = cheaperTier('anthropic/claude-sonnet-4-5', catalogWith(), {
    classification: 'internal',
    chain,
    requires: ['jsonSchema'],
  });
  expect(withSchema).toMatchObject({ found: true, model: 'openai/gpt-4o' });
  const withSchemaFromGpt4o = cheaperTier('openai/gpt-4o', catalogWith(), {
    classification: 'internal',
    chain: ['gateway/in-house-7b'],
    requires: ['jsonSchema'],
  });
  expect(withSchemaFromGpt4o.found && withSchemaFromGpt4o.model).not.toBe('gateway/in-house-7b');
  // Without that need, the cheapest priced model in the chain or at Anthropic wins.
  const anything = cheaperTier('anthropic/claude-sonnet-4-5', catalogWith(), {
    classification: 'internal',
    chain,
  });
  expect(anything).toMatchObject({ found: true, model: 'gateway/in-house-7b' });
  const withTools = cheaperTier('anthropic/claude-sonnet-4-5', catalogWith(), {
    classification: 'internal',
    chain,
    requires: ['tools'],
  });
  expect(withTools).toMatchObject({ found: true, model: 'anthropic/claude-3-5-haiku' });
});

test('a candidate whose context window cannot hold the call is skipped', () => {
  const result = cheaperTier('openai/gpt-4.1', catalogWith(), {
    classification: 'internal',
    requires: ['tools'],
    minContextTokens: 500_000,
  });
  expect(result).toMatchObject({ found: true, model: 'openai/gpt-4.1-nano' });
});

test('nothing is offered when the current price is unknown or nothing is cheaper', () => {
  expect(cheaperTier('gateway/unknown', catalogWith(), { classification: 'internal' })).toMatchObject({
    found: false,
    reason: expect.stringContaining('unknown'),
  });
  expect(
    cheaperTier('openai/gpt-5-nano', catalogWith(), { classification: 'internal', requires: ['jsonSchema'] }),
  ).toEqual({
    found: false,
    reason: expect.stringContaining('no model cheaper than openai/gpt-5-nano'),
  });
  const claude = cheaperTier('anthropic/claude-haiku-4-5', catalogWith(), {
    classification: 'internal',
    requires: ['jsonSchema'],
  });
  expect(claude).toMatchObject({ found: false, reason: expect.stringContaining('have jsonSchema') });
});
