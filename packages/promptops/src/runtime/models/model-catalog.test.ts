import { expect, test } from 'vitest';
import { ProjectConfig } from '../../catalog/files/project-config.ts';
import { Policies } from '../../governance/policies/policies-schema.ts';
import { createModelCatalog } from './model-catalog.ts';

const config = ProjectConfig.parse({
  project: { name: 'demo' },
  providers: {
    openai: { protocol: 'openai', api_key_env: 'OPENAI_API_KEY' },
    azure: { protocol: 'openai', base_url: 'https://acme.openai.azure.com/openai/v1' },
    google: { protocol: 'ai-sdk', package: '@ai-sdk/google' },
    local: { protocol: 'openai', base_url: 'http://localhost:11434/v1' },
  },
  routes: { cheap: { model: 'azure/gpt-4o-mini', fallbacks: ['local/llama3'] } },
  prices: {
    'openai/gpt-4o': { input_per_mtok: 2, output_per_mtok: 8 },
    'local/llama3': { input_per_mtok: 0.5, output_per_mtok: 0.5, currency: 'EUR' },
  },
});
const catalog = createModelCatalog({ config, policies: Policies.parse({}) });

test('a built-in model has its list price in USD and its capabilities', () => {
  const model = catalog.lookup('openai/gpt-4o-mini');
  expect(model).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', builtin: { vendor: 'openai' } });
  expect(model.price).toMatchObject({
    inputPerMtok: 0.15,
    outputPerMtok: 0.6,
    cachedInputPerMtok: 0.075,
    currency: 'USD',
    source: 'builtin',
  });
  expect(model.capabilities).toMatchObject({ contextWindow: 128_000, jsonSchema: true, tools: true });
  expect(catalog.pricesAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

test('the model name finds the built-in entry whatever the provider is called', () => {
  const azure = catalog.lookup('azure/gpt-4o-mini');
  expect(azure.capabilities).toEqual(catalog.lookup('openai/gpt-4o-mini').capabilities);
  expect(azure.price?.inputPerMtok).toBe(0.15);
  expect(catalog.lookup('anthropic/claude-sonnet-4-5-20250929').builtin?.name).toBe('claude-sonnet-4-5');
});

test('a price in promptops.yaml replaces the built-in one for that provider/model only', () => {
  expect(catalog.lookup('openai/gpt-4o').price).toEqual({
    inputPerMtok: 2,
    outputPerMtok: 8,
    currency: 'USD',
    source: 'config',
  });
  expect(catalog.lookup('azure/gpt-4o').price).toMatchObject({ inputPerMtok: 2.5, source: 'builtin' });
  expect(catalog.lookup('local/llama3').price).toMatchObject({ currency: 'EUR', source: 'config' });
});

test('an unknown model exists with unknown capabilities and no price', () => {
  const model = catalog.lookup('acme/in-house-7b');
  expect(model).toEqual({
    id: 'acme/in-house-7b',
    provider: 'acme',
    model: 'in-house-7b',
    capabilities: {},
    price: null,
  });
  expect(catalog.lookup('local/llama3').capabilities).toEqual({});
});

test('a vendor’s own API offers its built-in models; a provider behind a base_url only what is configured', () => {
  const openai = catalog.modelsOf('openai');
  expect(openai).toContain('openai/gpt-4.1-nano');
  expect(openai).toContain('openai/text-embedding-3-small');
  expect(openai).not.toContain('openai/claude-haiku-4-5');
  expect(catalog.modelsOf('google')).toContain('google/gemini-2.5-flash');
  expect(catalog.modelsOf('azure')).toEqual(['azure/gpt-4o-mini']);
  expect(catalog.modelsOf('local')).toEqual(['local/llama3']);
  expect(catalog.modelsOf('nobody')).toEqual([]);
});
