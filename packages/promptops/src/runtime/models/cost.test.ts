import { expect, test } from 'vitest';
import { ProjectConfig } from '../../catalog/files/project-config.ts';
import { Policies } from '../../governance/policies/policies-schema.ts';
import { costOf, DEFAULT_OUTPUT_TOKENS_ESTIMATE, estimateCost } from './cost.ts';
import { createModelCatalog } from './model-catalog.ts';

const config = ProjectConfig.parse({
  project: { name: 'demo' },
  providers: {
    openai: { protocol: 'openai' },
    local: { protocol: 'openai', base_url: 'http://localhost:8080/v1' },
  },
  prices: { 'local/llama3': { input_per_mtok: 1, output_per_mtok: 2, currency: 'EUR' } },
});
const catalog = createModelCatalog({ config, policies: Policies.parse({}) });

test('a call costs its tokens at the model’s list price', () => {
  const cost = costOf('openai/gpt-4o-mini', { inputTokens: 1_000, outputTokens: 200 }, catalog);
  expect(cost?.currency).toBe('USD');
  expect(cost?.amount).toBeCloseTo((1_000 * 0.15 + 200 * 0.6) / 1e6, 15);
});

test('small amounts keep full precision (no rounding to cents)', () => {
  const cost = costOf('openai/gpt-5-nano', { inputTokens: 1, outputTokens: 0 }, catalog);
  expect(cost?.amount).toBeCloseTo(0.05e-6, 18);
  expect(cost?.amount).toBeGreaterThan(0);
});

test('an unknown price makes the cost null, never 0', () => {
  expect(costOf('acme/in-house-7b', { inputTokens: 1_000, outputTokens: 1_000 }, catalog)).toBeNull();
  expect(estimateCost('acme/in-house-7b', 1_000, 100, catalog)).toBeNull();
});

test('a config price is used with its own currency', () => {
  expect(costOf('local/llama3', { inputTokens: 1_000_000, outputTokens: 500_000 }, catalog)).toEqual({
    amount: 2,
    currency: 'EUR',
  });
});

test('cached input tokens are billed at the cached rate, or the input rate when there is none', () => {
  const usage = { inputTokens: 10_000, outputTokens: 0, cachedInputTokens: 8_000 };
  // gpt-4.1: 2.00 input, 0.50 cached
  expect(costOf('openai/gpt-4.1', usage, catalog)?.amount).toBeCloseTo((2_000 * 2 + 8_000 * 0.5) / 1e6, 15);
  // a config price has no cached rate: all 10,000 at the input rate
  expect(costOf('local/llama3', usage, catalog)?.amount).toBeCloseTo(0.01, 15);
});

test('a prompt over the long-context threshold bills the whole call at the higher rates', () => {
  const short = costOf('google/gemini-2.5-pro', { inputTokens: 200_000, outputTokens: 1_000 }, catalog);
  const long = costOf('google/gemini-2.5-pro', { inputTokens: 200_001, outputTokens: 1_000 }, catalog);
  expect(short?.amount).toBeCloseTo((200_000 * 1.25 + 1_000 * 10) / 1e6, 12);
  expect(long?.amount).toBeCloseTo((200_001 * 2.5 + 1_000 * 15) / 1e6, 12);
});

test('a budget estimate is an upper bound: all input uncached, output at max_tokens', () => {
  const estimate = estimateCost('openai/gpt-4o', 2_000, 500, catalog);
  expect(estimate).toMatchObject({ currency: 'USD', outputTokens: 500, outputBound: 'max_tokens' });
  expect(estimate?.amount).toBeCloseTo((2_000 * 2.5 + 500 * 10) / 1e6, 15);
  const actual = costOf(
    'openai/gpt-4o',
    { inputTokens: 2_000, outputTokens: 120, cachedInputTokens: 1_024 },
    catalog,
  );
  expect(actual?.amount).toBeLessThan(estimate?.amount ?? 0);
});

test('without max_tokens the estimate assumes a default output, capped by the model’s limit', () => {
  expect(estimateCost('openai/gpt-4o', 100, undefined, catalog)).toMatchObject({
    outputTokens: DEFAULT_OUTPUT_TOKENS_ESTIMATE,
    outputBound: 'default',
  });
  // claude-3-5-haiku cannot write more than 8,192 tokens, whatever max_tokens says
  expect(estimateCost('anthropic/claude-3-5-haiku', 100, 50_000, catalog)?.outputTokens).toBe(8_192);
});
