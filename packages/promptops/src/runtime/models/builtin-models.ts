import type { ModelCapabilities, ModelVendor, PriceRates } from './catalog-model.ts';

/**
 * The shipped table of common models: capabilities and vendor list prices (USD per million tokens,
 * standard tier, no batch discount). Prices change; `prices:` in promptops.yaml overrides any of
 * them per provider/model, and is the way to price a model this table lacks. Not modelled: batch
 * discounts, Anthropic cache writes (billed at the input rate here, slightly under the real
 * 1.25×), Gemini cache storage.
 *
 * Only pinned names are listed: moving aliases (`mistral-large-latest`) would price whatever the
 * vendor points them at next, so they are left unknown until configured.
 */
export const PRICES_AS_OF = '2025-10-20';

export interface BuiltinModel {
  name: string;
  /** Dated snapshot names billed at the same rates. */
  aliases: readonly string[];
  vendor: ModelVendor;
  capabilities: Required<Omit<ModelCapabilities, 'maxOutputTokens'>> & { maxOutputTokens?: number };
  /** USD. */
  rates: PriceRates & { longContext?: PriceRates & { aboveInputTokens: number } };
}

type Features = Pick<BuiltinModel['capabilities'], 'jsonMode' | 'jsonSchema' | 'tools' | 'streaming'>;

const STRUCTURED: Features = { jsonMode: true, jsonSchema: true, tools: true, streaming: true };
// Anthropic's messages API has no JSON mode; its structured outputs were a beta behind a header at
// PRICES_AS_OF, which the messages adapter does not send, so neither is claimed.
const ANTHROPIC: Features = { jsonMode: false, jsonSchema: false, tools: true, streaming: true };

interface Row {
  vendor: ModelVendor;
  name: string;
  /** Context window and most output tokens (undefined: the vendor does not publish it). */
  limits: [number, number | undefined];
  /** Input, output, cached input. */
  rates: [number, number, number?];
  features?: Features;
  aliases?: string[];
  longContext?: [aboveInputTokens: number, input: number, output: number, cached?: number];
}

const ROWS: Row[] = [
  // OpenAI: openai.com/api/pricing, platform.openai.com/docs/models
  {
    vendor: 'openai',
    name: 'gpt-4o',
    limits: [128_000, 16_384],
    rates: [2.5, 10, 1.25],
    aliases: ['gpt-4o-2024-08-06', 'gpt-4o-2024-11-20'],
  },
  {
    vendor: 'openai',
    name: 'gpt-4o-mini',
    limits: [128_000, 16_384],
    rates: [0.15, 0.6, 0.075],
    aliases: ['gpt-4o-mini-2024-07-18'],
  },
  {
    vendor: 'openai',
    name: 'gpt-4.1',
    limits: [1_047_576, 32_768],
    rates: [2, 8, 0.5],
    aliases: ['gpt-4.1-2025-04-14'],
  },
  {
    vendor: 'openai',
    name: 'gpt-4.1-mini',
    limits: [1_047_576, 32_768],
    rates: [0.4, 1.6, 0.1],
    aliases: ['gpt-4.1-mini-2025-04-14'],
  },
  {
    vendor: 'openai',
    name: 'gpt-4.1-nano',
    limits: [1_047_576, 32_768],
    rates: [0.1, 0.4, 0.025],
    aliases: ['gpt-4.1-nano-2025-04-14'],
  },
  {
    vendor: 'openai',
    name: 'o3-mini',
    limits: [200_000, 100_000],
    rates: [1.1, 4.4, 0.55],
    aliases: ['o3-mini-2025-01-31'],
  },
  {
    vendor: 'openai',
    name: 'o4-mini',
    limits: [200_000, 100_000],
    rates: [1.1, 4.4, 0.275],
    aliases: ['o4-mini-2025-04-16'],
  },
  {
    vendor: 'openai',
    name: 'gpt-5',
    limits: [400_000, 128_000],
    rates: [1.25, 10, 0.125],
    aliases: ['gpt-5-2025-08-07'],
  },
  {
    vendor: 'openai',
    name: 'gpt-5-mini',
    limits: [400_000, 128_000],
    rates: [0.25, 2, 0.025],
    aliases: ['gpt-5-mini-2025-08-07'],
  },
  {
    vendor: 'openai',
    name: 'gpt-5-nano',
    limits: [400_000, 128_000],
    rates: [0.05, 0.4, 0.005],
    aliases: ['gpt-5-nano-2025-08-07'],
  },
  // Anthropic: docs.anthropic.com/en/docs/about-claude/pricing ("cache hits" is the cached rate)
  {
    vendor: 'anthropic',
    name: 'claude-opus-4-1',
    limits: [200_000, 32_000],
    rates: [15, 75, 1.5],
    features: ANTHROPIC,
    aliases: ['claude-opus-4-1-20250805'],
  },
  // Above 200k input tokens (1M-context beta) Sonnet 4.5 bills the whole request at $6 / $22.50.
  {
    vendor: 'anthropic',
    name: 'claude-sonnet-4-5',
    limits: [200_000, 64_000],
    rates: [3, 15, 0.3],
    features: ANTHROPIC,
    aliases: ['claude-sonnet-4-5-20250929'],
    longContext: [200_000, 6, 22.5, 0.6],
  },
  {
    vendor: 'anthropic',
    name: 'claude-haiku-4-5',
    limits: [200_000, 64_000],
    rates: [1, 5, 0.1],
    features: ANTHROPIC,
    aliases: ['claude-haiku-4-5-20251001'],
  },
  {
    vendor: 'anthropic',
    name: 'claude-3-5-haiku',
    limits: [200_000, 8_192],
    rates: [0.8, 4, 0.08],
    features: ANTHROPIC,
    aliases: ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest'],
  },
  // Google: ai.google.dev/gemini-api/docs/pricing (paid tier, text input)
  {
    vendor: 'google',
    name: 'gemini-2.5-pro',
    limits: [1_048_576, 65_536],
    rates: [1.25, 10, 0.125],
    longContext: [200_000, 2.5, 15, 0.25],
  },
  { vendor: 'google', name: 'gemini-2.5-flash', limits: [1_048_576, 65_536], rates: [0.3, 2.5, 0.03] },
  { vendor: 'google', name: 'gemini-2.5-flash-lite', limits: [1_048_576, 65_536], rates: [0.1, 0.4, 0.01] },
  // Mistral: mistral.ai/pricing (no prompt-cache discount; most output tokens not published)
  { vendor: 'mistral', name: 'mistral-large-2411', limits: [128_000, undefined], rates: [2, 6] },
  { vendor: 'mistral', name: 'mistral-medium-2505', limits: [128_000, undefined], rates: [0.4, 2] },
  { vendor: 'mistral', name: 'mistral-small-2506', limits: [128_000, undefined], rates: [0.1, 0.3] },
];

const EMBEDDING_ROWS: Pick<Row, 'vendor' | 'name' | 'limits' | 'rates'>[] = [
  { vendor: 'openai', name: 'text-embedding-3-small', limits: [8_191, undefined], rates: [0.02, 0] },
  { vendor: 'openai', name: 'text-embedding-3-large', limits: [8_191, undefined], rates: [0.13, 0] },
  { vendor: 'mistral', name: 'mistral-embed', limits: [8_192, undefined], rates: [0.1, 0] },
];

function toBuiltin(row: Row, embeddings: boolean): BuiltinModel {
  const [contextWindow, maxOutputTokens] = row.limits;
  const [inputPerMtok, outputPerMtok, cachedInputPerMtok] = row.rates;
  const features = embeddings
    ? { jsonMode: false, jsonSchema: false, tools: false, streaming: false }
    : (row.features ?? STRUCTURED);
  const rates: BuiltinModel['rates'] = { inputPerMtok, outputPerMtok };
  if (cachedInputPerMtok !== undefined) rates.cachedInputPerMtok = cachedInputPerMtok;
  if (row.longContext) {
    const [aboveInputTokens, input, output, cached] = row.longContext;
    rates.longContext = { aboveInputTokens, inputPerMtok: input, outputPerMtok: output };
    if (cached !== undefined) rates.longContext.cachedInputPerMtok = cached;
  }
  const capabilities: BuiltinModel['capabilities'] = { ...features, embeddings, contextWindow };
  if (maxOutputTokens !== undefined) capabilities.maxOutputTokens = maxOutputTokens;
  return { name: row.name, aliases: row.aliases ?? [], vendor: row.vendor, capabilities, rates };
}

export const BUILTIN_MODELS: readonly BuiltinModel[] = [
  ...ROWS.map((row) => toBuiltin(row, false)),
  ...EMBEDDING_ROWS.map((row) => toBuiltin(row, true)),
];
