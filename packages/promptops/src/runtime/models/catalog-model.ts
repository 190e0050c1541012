/**
 * What the runtime knows about one model: its capabilities and its price. Every field may be unknown
 * (undefined, or a null price): a model the built-in table lacks is still usable, but nothing about
 * it is guessed — an unknown price makes a cost `null`, never 0 (DESIGN.md section 3, Run record).
 */

/** Vendors whose models the built-in table describes. */
export type ModelVendor = 'openai' | 'anthropic' | 'google' | 'mistral';

export interface ModelCapabilities {
  /** Tokens of input plus output one request may hold. */
  contextWindow?: number;
  /** Most tokens one response may have. */
  maxOutputTokens?: number;
  /** The API can be asked for syntactically valid JSON. */
  jsonMode?: boolean;
  /** The API can enforce a JSON Schema on the output (structured outputs). */
  jsonSchema?: boolean;
  /** Function / tool calling. */
  tools?: boolean;
  streaming?: boolean;
  /** An embedding model: vectors out, no text generation. */
  embeddings?: boolean;
}

/** The yes/no capabilities a caller can require (cheaper tiers, budget substitutions). */
export type CapabilityFlag = 'jsonMode' | 'jsonSchema' | 'tools' | 'streaming' | 'embeddings';

/** Rates per million tokens. Without a cached rate, cached input is billed at the input rate. */
export interface PriceRates {
  inputPerMtok: number;
  outputPerMtok: number;
  cachedInputPerMtok?: number;
}

export interface ModelPrice extends PriceRates {
  /** ISO 4217; the built-in table is in USD, config overrides keep their own. */
  currency: string;
  /**
   * Vendors such as Google (Gemini 2.5 Pro) bill a whole request at higher rates once its prompt is
   * longer than a threshold; absent when the vendor has one rate.
   */
  longContext?: PriceRates & { aboveInputTokens: number };
  /** Where the price came from: the shipped table (dated) or promptops.yaml `prices`. */
  source: 'builtin' | 'config';
}

export interface CatalogModel {
  /** `provider/model` as written in promptops.yaml or a prompt. */
  id: string;
  provider: string;
  model: string;
  /** The built-in entry the model name matched, whatever the provider is called. */
  builtin?: { name: string; vendor: ModelVendor };
  /** `{}` for a model the table lacks. */
  capabilities: ModelCapabilities;
  price: ModelPrice | null;
}
