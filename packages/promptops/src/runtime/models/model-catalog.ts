import type { ProjectConfig } from '../../catalog/files/project-config.ts';
import type { Policies } from '../../governance/policies/policies-schema.ts';
import { BUILTIN_MODELS, type BuiltinModel, PRICES_AS_OF } from './builtin-models.ts';
import type { CatalogModel, ModelPrice, ModelVendor } from './catalog-model.ts';

type ProviderConfig = ProjectConfig['providers'][string];

export interface ModelCatalogOptions {
  config: Pick<ProjectConfig, 'providers' | 'routes' | 'prices'>;
  policies: Pick<Policies, 'models_by_classification'>;
  /** Replaces the shipped table (tests, or a vendored newer table). */
  builtins?: readonly BuiltinModel[];
}

export interface ModelCatalog {
  /** The date the built-in prices were checked; config overrides are as current as the config. */
  readonly pricesAsOf: string;
  readonly policies: Pick<Policies, 'models_by_classification'>;
  /** Always answers: a model the table lacks comes back with `capabilities: {}` and `price: null`. */
  lookup(modelId: string): CatalogModel;
  /**
   * The `provider/model` ids a configured provider is known to serve: those promptops.yaml names
   * for it (routes, prices), and the built-in models of the vendor when the provider is that
   * vendor's own API (see vendorServedBy).
   */
  modelsOf(provider: string): string[];
}

/**
 * The project's view of models: the built-in table matched by model name, whatever the provider is
 * called (`openai/gpt-4o-mini` and `azure/gpt-4o-mini` share gpt-4o-mini's capabilities), with
 * `prices:` from promptops.yaml taking precedence per exact provider/model.
 *
 * Choice: a built-in price applies under any provider name. Resellers (Azure, gateways) mostly
 * charge the vendor's list price, and a model priced wrongly can be corrected in `prices:`, while a
 * model left unpriced would record no spend at all. An override replaces the whole price, currency
 * included, and has no cached rate (cached input is then billed at its input rate).
 *
 * @example
 * const catalog = createModelCatalog({ config, policies });
 * catalog.lookup('azure/gpt-4o-mini').capabilities.jsonSchema; // true
 * catalog.lookup('acme/in-house-7b').price; // null: unknown, never 0
 */
export function createModelCatalog(options: ModelCatalogOptions): ModelCatalog {
  const { config, policies } = options;
  const byName = new Map<string, BuiltinModel>();
  for (const builtin of options.builtins ?? BUILTIN_MODELS) {
    for (const name of [builtin.name, ...builtin.aliases]) byName.set(name, builtin);
  }

  function lookup(modelId: string): CatalogModel {
    const slash = modelId.indexOf('/');
    const provider = slash === -1 ? '' : modelId.slice(0, slash);
    const model = modelId.slice(slash + 1);
    const builtin = byName.get(model);
    const override = Object.hasOwn(config.prices, modelId) ? config.prices[modelId] : undefined;
    let price: ModelPrice | null = null;
    if (override) {
      price = {
        inputPerMtok: override.input_per_mtok,
        outputPerMtok: override.output_per_mtok,
        currency: override.currency,
        source: 'config',
      };
    } else if (builtin) {
      price = { ...builtin.rates, currency: 'USD', source: 'builtin' };
    }
    const entry: CatalogModel = { id: modelId, provider, model, capabilities: {}, price };
    if (builtin) {
      entry.builtin = { name: builtin.name, vendor: builtin.vendor };
      entry.capabilities = { ...builtin.capabilities };
    }
    return entry;
  }

  function modelsOf(provider: string): string[] {
    const ids = new Set<string>();
    const prefix = `${provider}/`;
    for (const route of Object.values(config.routes)) {
      for (const id of [route.model, ...route.fallbacks]) if (id.startsWith(prefix)) ids.add(id);
    }
    for (const id of Object.keys(config.prices)) if (id.startsWith(prefix)) ids.add(id);
    const providerConfig = Object.hasOwn(config.providers, provider) ? config.providers[provider] : undefined;
    const vendor = providerConfig ? vendorServedBy(providerConfig) : undefined;
    for (const builtin of options.builtins ?? BUILTIN_MODELS) {
      if (builtin.vendor === vendor) ids.add(`${prefix}${builtin.name}`);
    }
    return [...ids];
  }

  return { pricesAsOf: PRICES_AS_OF, policies, lookup, modelsOf };
}

const VENDOR_PACKAGES: Readonly<Record<string, ModelVendor>> = {
  '@ai-sdk/openai': 'openai',
  '@ai-sdk/anthropic': 'anthropic',
  '@ai-sdk/google': 'google',
  '@ai-sdk/mistral': 'mistral',
};

/**
 * The vendor whose whole model list a provider serves: its own protocol or AI SDK package at the
 * default URL. A provider with a base_url (a gateway, Azure, a local server) serves only what the
 * project configures for it, so no built-in model is offered there on its behalf.
 */
export function vendorServedBy(provider: ProviderConfig): ModelVendor | undefined {
  if (provider.base_url !== undefined) return undefined;
  if (provider.protocol === 'openai' || provider.protocol === 'anthropic') return provider.protocol;
  return provider.package && Object.hasOwn(VENDOR_PACKAGES, provider.package)
    ? VENDOR_PACKAGES[provider.package]
    : undefined;
}
