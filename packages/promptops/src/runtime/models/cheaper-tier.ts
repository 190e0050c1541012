import type { DataClassification } from '../../catalog/content/names.ts';
import type { CapabilityFlag, CatalogModel } from './catalog-model.ts';
import { isModelAllowed } from './classification-check.ts';
import { priceUsage, type TokenUsage } from './cost.ts';
import type { ModelCatalog } from './model-catalog.ts';

export interface CheaperTierOptions {
  /** The prompt's data classification: a substitute must be allowed for it. */
  classification: DataClassification;
  /** The route's model and fallbacks, considered first (they are known to be deployed). */
  chain?: readonly string[];
  /** Capabilities the call uses (`jsonSchema` for a prompt with an output schema, `tools`, …). */
  requires?: readonly CapabilityFlag[];
  /** Input plus output tokens the call needs; a substitute's context window must hold them. */
  minContextTokens?: number;
  /** The call the prices are compared on; a 3:1 input:output blend when not given. */
  usage?: TokenUsage;
}

export type CheaperTierResult =
  | { found: true; model: string; amount: number; currency: string; currentAmount: number }
  | { found: false; reason: string };

const BLENDED_USAGE: TokenUsage = { inputTokens: 3_000, outputTokens: 1_000 };

/**
 * The cheapest model that can stand in for `modelId` when a budget's soft limit asks for a cheaper
 * tier (DESIGN.md section 4, step 6). Candidates: the route's chain, then every model the catalog
 * knows the same provider serves. A candidate qualifies only when it is allowed for the
 * classification, is known to have every required capability and a large enough context window,
 * is the same kind of model (chat or embeddings), and has a known price in the same currency that
 * is strictly lower. Unknown capabilities or prices disqualify: nothing is guessed.
 *
 * @example
 * cheaperTier('openai/gpt-4o', catalog, { classification: 'internal', requires: ['jsonSchema'] });
 * // { found: true, model: 'openai/gpt-5-nano', amount: ..., currency: 'USD', currentAmount: ... }
 */
export function cheaperTier(
  modelId: string,
  catalog: Pick<ModelCatalog, 'lookup' | 'modelsOf' | 'policies'>,
  options: CheaperTierOptions,
): CheaperTierResult {
  const current = catalog.lookup(modelId);
  if (!current.price) {
    return { found: false, reason: `the price of ${modelId} is unknown, so no model can be shown cheaper` };
  }
  const usage = options.usage ?? BLENDED_USAGE;
  const currentAmount = priceUsage(current.price, usage);
  const candidates = new Set([...(options.chain ?? []), ...catalog.modelsOf(current.provider)]);
  candidates.delete(modelId);

  let best: { model: string; amount: number } | undefined;
  for (const id of candidates) {
    const candidate = catalog.lookup(id);
    if (!candidate.price || candidate.price.currency !== current.price.currency) continue;
    if (!fits(candidate, current, options)) continue;
    if (!isModelAllowed(id, options.classification, catalog.policies).allowed) continue;
    const amount = priceUsage(candidate.price, usage);
    if (amount < currentAmount && (best === undefined || amount < best.amount)) best = { model: id, amount };
  }
  if (!best) {
    return {
      found: false,
      reason:
        `no model cheaper than ${modelId} is allowed for ${options.classification} data and known to ` +
        `have ${describeNeeds(options)}`,
    };
  }
  return { found: true, ...best, currency: current.price.currency, currentAmount };
}

function fits(candidate: CatalogModel, current: CatalogModel, options: CheaperTierOptions): boolean {
  const capabilities = candidate.capabilities;
  if ((capabilities.embeddings ?? false) !== (current.capabilities.embeddings ?? false)) return false;
  if (!(options.requires ?? []).every((flag) => capabilities[flag] === true)) return false;
  if (options.minContextTokens === undefined) return true;
  return capabilities.contextWindow !== undefined && capabilities.contextWindow >= options.minContextTokens;
}

function describeNeeds(options: CheaperTierOptions): string {
  const needs: string[] = [...(options.requires ?? [])];
  if (options.minContextTokens !== undefined) needs.push(`a ${options.minContextTokens}-token context`);
  return needs.length > 0 ? needs.join(', ') : 'a known price';
}
