import type { ModelPrice, PriceRates } from './catalog-model.ts';
import type { ModelCatalog } from './model-catalog.ts';

/**
 * Token counts of one call. `cachedInputTokens` is the part of `inputTokens` served from the
 * provider's prompt cache (OpenAI's and the AI SDK's convention; an adapter whose API reports cache
 * reads separately, like Anthropic's, adds them into inputTokens).
 */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
}

/** Full precision: round only for display. */
export interface Cost {
  amount: number;
  currency: string;
}

/** Output tokens a budget estimate assumes when the prompt sets no max_tokens. */
export const DEFAULT_OUTPUT_TOKENS_ESTIMATE = 4096;

export interface CostEstimate extends Cost {
  outputTokens: number;
  /**
   * `max_tokens`: a true upper bound (the provider stops there). `default`: the prompt set no
   * max_tokens, so DEFAULT_OUTPUT_TOKENS_ESTIMATE (or the model's own limit, if lower) was assumed.
   */
  outputBound: 'max_tokens' | 'default';
}

const PER_MILLION = 1_000_000;

/**
 * What a call cost, from the catalog's price for the model. Null when the price is unknown: a
 * missing price is reported as unknown, never as a free call.
 *
 * @example
 * costOf('openai/gpt-4o-mini', { inputTokens: 1000, outputTokens: 200 }, catalog);
 * // { amount: 0.00027, currency: 'USD' } — 1000 × 0.15/1M + 200 × 0.60/1M
 */
export function costOf(
  modelId: string,
  usage: TokenUsage,
  catalog: Pick<ModelCatalog, 'lookup'>,
): Cost | null {
  const price = catalog.lookup(modelId).price;
  return price ? { amount: priceUsage(price, usage), currency: price.currency } : null;
}

/**
 * The most a call may cost, for budget checks before it is made: every input token at the full
 * (uncached) rate and the output at its maximum. Null when the price is unknown.
 *
 * @example
 * estimateCost('openai/gpt-4o', 2000, 500, catalog);
 * // { amount: 0.01, currency: 'USD', outputTokens: 500, outputBound: 'max_tokens' }
 */
export function estimateCost(
  modelId: string,
  estimatedInputTokens: number,
  maxOutputTokens: number | undefined,
  catalog: Pick<ModelCatalog, 'lookup'>,
): CostEstimate | null {
  const { price, capabilities } = catalog.lookup(modelId);
  if (!price) return null;
  const requested = maxOutputTokens ?? DEFAULT_OUTPUT_TOKENS_ESTIMATE;
  const outputTokens = Math.min(requested, capabilities.maxOutputTokens ?? requested);
  const amount = priceUsage(price, { inputTokens: estimatedInputTokens, outputTokens });
  return {
    amount,
    currency: price.currency,
    outputTokens,
    outputBound: maxOutputTokens === undefined ? 'default' : 'max_tokens',
  };
}

/** The amount for some usage at a price, choosing the long-context rates when the prompt is over. */
export function priceUsage(price: ModelPrice, usage: TokenUsage): number {
  const inputTokens = Math.max(0, usage.inputTokens);
  const rates: PriceRates =
    price.longContext && inputTokens > price.longContext.aboveInputTokens ? price.longContext : price;
  const cached = Math.min(Math.max(0, usage.cachedInputTokens ?? 0), inputTokens);
  const cachedRate = rates.cachedInputPerMtok ?? rates.inputPerMtok;
  return (
    ((inputTokens - cached) * rates.inputPerMtok +
      cached * cachedRate +
      Math.max(0, usage.outputTokens) * rates.outputPerMtok) /
    PER_MILLION
  );
}
