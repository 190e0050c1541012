// Models: what each model can do and costs, which model a request goes to, and what a call cost.

// The catalog: built-in table + promptops.yaml price overrides
export { BUILTIN_MODELS, type BuiltinModel, PRICES_AS_OF } from './builtin-models.ts';
export type {
  CapabilityFlag,
  CatalogModel,
  ModelCapabilities,
  ModelPrice,
  ModelVendor,
  PriceRates,
} from './catalog-model.ts';
// Substitutes when a budget is tight
export { type CheaperTierOptions, type CheaperTierResult, cheaperTier } from './cheaper-tier.ts';
// Data classification → allowed models
export { ALLOWED_WHEN_UNLISTED, isModelAllowed, type ModelAllowance } from './classification-check.ts';
// Cost
export {
  type Cost,
  type CostEstimate,
  costOf,
  DEFAULT_OUTPUT_TOKENS_ESTIMATE,
  estimateCost,
  priceUsage,
  type TokenUsage,
} from './cost.ts';
export {
  createModelCatalog,
  type ModelCatalog,
  type ModelCatalogOptions,
  vendorServedBy,
} from './model-catalog.ts';
export { matchesModelGlob } from './model-glob.ts';
// Routing
export {
  type Complexity,
  DEFAULT_COMPLEXITY,
  DEFAULT_ROUTE,
  type ModelParams,
  type ModelRoute,
  type ModelSpec,
  type RouteRequest,
  type RouteResult,
  type RouterOptions,
  routeFor,
} from './model-router.ts';
// Usage when the provider reports none
export {
  estimateUsage,
  type ReceivedOutput,
  type RunUsage,
  type SentInput,
  usageOrEstimate,
} from './usage-estimate.ts';
