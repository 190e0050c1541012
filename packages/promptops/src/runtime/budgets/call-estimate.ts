import { estimateCost, type ModelCatalog } from '../models/index.ts';

/** The most one attempt of a call may cost in USD, or why the budgets cannot know it. */
export type CallEstimate =
  | { known: true; model: string; amountUsd: number; inputTokens: number; outputTokens: number }
  | { known: false; model: string; reason: string };

/** Budgets are kept in USD; prices in another currency are not converted. */
export const BUDGET_CURRENCY = 'USD';

/**
 * The upper bound the budgets hold for a call before it is made: every input token at the full
 * rate, the output at `max_tokens` (or the catalog's default assumption), for one attempt.
 *
 * @example
 * estimateCall('openai/gpt-4o-mini', 1_000, 500, catalog);
 * // { known: true, amountUsd: 0.00045, ... } — 1000 × 0.15/1M + 500 × 0.60/1M
 */
export function estimateCall(
  model: string,
  inputTokens: number,
  maxTokens: number | undefined,
  catalog: Pick<ModelCatalog, 'lookup'>,
): CallEstimate {
  const estimate = estimateCost(model, inputTokens, maxTokens, catalog);
  if (!estimate) return { known: false, model, reason: `the price of ${model} is unknown` };
  if (estimate.currency !== BUDGET_CURRENCY) {
    return {
      known: false,
      model,
      reason: `${model} is priced in ${estimate.currency} and budgets are kept in ${BUDGET_CURRENCY}`,
    };
  }
  return { known: true, model, amountUsd: estimate.amount, inputTokens, outputTokens: estimate.outputTokens };
}
