import type { DataClassification } from '../../catalog/content/names.ts';
import type { ModelTarget } from '../call/call-model.ts';
import { type CapabilityFlag, cheaperTier, type ModelCatalog } from '../models/index.ts';
import { estimateCall } from './call-estimate.ts';

/** Capabilities a substitute keeps by default: a prompt's needs are unknown to the gate, so none is dropped. */
const KEPT_BY_DEFAULT: readonly CapabilityFlag[] = ['jsonMode', 'jsonSchema', 'tools'];

export interface CheaperTargetsInput {
  targets: readonly ModelTarget[];
  inputTokens: number;
  maxTokens: number | undefined;
  /** Undefined when the gate was not told the prompt's classification: nothing is then shown allowed. */
  classification: DataClassification | undefined;
  /** Undefined: every structured-output capability the current model has (KEPT_BY_DEFAULT). */
  requires: readonly CapabilityFlag[] | undefined;
}

export type CheaperTargets =
  | { found: true; model: string; targets: ModelTarget[] }
  | { found: false; reason: string };

/**
 * The chain a soft limit's `cheaper_tier` switches to: the cheapest allowed stand-in for the first
 * model (cheaperTier), then those of the original models that cost no more than it, so the call
 * keeps fallbacks without falling back to the price it was moved off.
 */
export function cheaperTargets(input: CheaperTargetsInput, catalog: ModelCatalog): CheaperTargets {
  const current = input.targets[0]!;
  if (input.classification === undefined) {
    return {
      found: false,
      reason: 'the prompt’s data classification is unknown here, so no substitute can be shown allowed',
    };
  }
  const estimate = estimateCall(current.id, input.inputTokens, input.maxTokens, catalog);
  const outputTokens = estimate.known ? estimate.outputTokens : (input.maxTokens ?? 0);
  const capabilities = catalog.lookup(current.id).capabilities;
  const result = cheaperTier(current.id, catalog, {
    classification: input.classification,
    chain: input.targets.map((target) => target.id),
    requires: input.requires ?? KEPT_BY_DEFAULT.filter((flag) => capabilities[flag] === true),
    minContextTokens: input.inputTokens + outputTokens,
    usage: { inputTokens: input.inputTokens, outputTokens },
  });
  if (!result.found) return result;
  const substitute = targetFor(result.model, input.targets);
  if (!substitute) return { found: false, reason: `no provider is configured for ${result.model}` };
  const ceiling = estimateCall(result.model, input.inputTokens, input.maxTokens, catalog);
  const fallbacks = input.targets.filter((target) => {
    if (target.id === substitute.id) return false;
    const cost = estimateCall(target.id, input.inputTokens, input.maxTokens, catalog);
    return cost.known && ceiling.known && cost.amountUsd <= ceiling.amountUsd;
  });
  return { found: true, model: result.model, targets: [substitute, ...fallbacks] };
}

/** A chain model keeps its target; another model of the first target's provider is called through it. */
function targetFor(model: string, targets: readonly ModelTarget[]): ModelTarget | undefined {
  const inChain = targets.find((target) => target.id === model);
  if (inChain) return inChain;
  const first = targets[0]!;
  const slash = first.id.indexOf('/');
  if (slash === -1 || !model.startsWith(first.id.slice(0, slash + 1))) return undefined;
  return { id: model, provider: first.provider, model: model.slice(slash + 1) };
}
