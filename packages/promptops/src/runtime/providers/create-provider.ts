import type { z } from 'zod';
import type { ProviderConfig } from '../../catalog/files/index.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { AiSdkLanguageModel } from './ai-sdk-language-model.ts';
import { createAiSdkProvider } from './ai-sdk-provider.ts';
import { createAnthropicMessagesProvider } from './anthropic-messages-provider.ts';
import type { HttpProviderOptions } from './http-model-provider.ts';
import { createOpenAiChatProvider } from './openai-chat-provider.ts';
import type { ModelProvider } from './provider.ts';
import { ProviderFailure } from './provider-failure.ts';

/** A provider as promptops.yaml declares it, after its schema has parsed it. */
export type ProviderSettings = z.output<typeof ProviderConfig>;

/** What an AI SDK provider package's `createX(settings)` takes, of what promptops.yaml can say. */
export interface AiSdkPackageSettings {
  apiKey?: string;
  baseURL?: string;
  headers?: Record<string, string>;
}

/** An AI SDK provider package's factory, such as `createMistral` from `@ai-sdk/mistral`. */
export type AiSdkPackageFactory = (settings: AiSdkPackageSettings) => (modelId: string) => AiSdkLanguageModel;

export interface CreateProviderOptions {
  /** Where `api_key_env` and `{ env: NAME }` headers are looked up, when each call is made. */
  env: Readonly<Record<string, string | undefined>>;
  /** A key given explicitly wins over the environment. */
  apiKey?: string;
  /** Protocol ai-sdk: the factory of each package promptops.yaml names, keyed by package name. */
  aiSdkPackages?: Readonly<Record<string, AiSdkPackageFactory>>;
}

/**
 * A ModelProvider from its promptops.yaml entry. Keys and `{ env }` headers are read when a call is
 * made, so a rotated key is picked up without a restart; a missing one fails that call as
 * `unauthorised`, naming the variable.
 *
 * @example
 * const provider = createProvider('openai', { protocol: 'openai', api_key_env: 'OPENAI_API_KEY' }, { env: process.env });
 * const provider = createProvider('mistral', { protocol: 'ai-sdk', package: '@ai-sdk/mistral' },
 *   { env: process.env, aiSdkPackages: { '@ai-sdk/mistral': createMistral } });
 */
export function createProvider(
  name: string,
  settings: ProviderSettings,
  options: CreateProviderOptions,
): ModelProvider {
  const apiKey = keyReader(name, settings, options);
  const headers = headerReader(name, settings, options.env);
  if (settings.protocol === 'ai-sdk')
    return createAiSdkPackageProvider(name, settings, options, apiKey, headers);
  const httpOptions: HttpProviderOptions = { name };
  if (settings.base_url) httpOptions.baseUrl = settings.base_url;
  if (apiKey) httpOptions.apiKey = apiKey;
  if (headers) httpOptions.headers = headers;
  if (settings.timeout_ms !== undefined) httpOptions.timeoutMs = settings.timeout_ms;
  if (settings.pool_size !== undefined) httpOptions.poolSize = settings.pool_size;
  return settings.protocol === 'openai'
    ? createOpenAiChatProvider(httpOptions)
    : createAnthropicMessagesProvider(httpOptions);
}

function createAiSdkPackageProvider(
  name: string,
  settings: ProviderSettings,
  options: CreateProviderOptions,
  apiKey: (() => string) | undefined,
  headers: (() => Record<string, string>) | undefined,
): ModelProvider {
  const packageName = settings.package ?? '';
  const factory = options.aiSdkPackages?.[packageName];
  if (!factory) {
    throw new PromptopsError(
      'config_invalid',
      `provider ${name}: protocol ai-sdk needs the factory of ${packageName} (e.g. its createX function) in the aiSdkPackages option`,
      { provider: name, package: packageName },
    );
  }
  // One package provider per key and header values: built again only when they change.
  let cache: { signature: string; create: (modelId: string) => AiSdkLanguageModel } | undefined;
  return createAiSdkProvider({
    name,
    model(modelId) {
      const packageSettings: AiSdkPackageSettings = {};
      if (apiKey) packageSettings.apiKey = apiKey();
      if (settings.base_url) packageSettings.baseURL = settings.base_url;
      if (headers) packageSettings.headers = headers();
      const signature = JSON.stringify(packageSettings);
      if (cache?.signature !== signature) cache = { signature, create: factory(packageSettings) };
      return cache.create(modelId);
    },
  });
}

function keyReader(name: string, settings: ProviderSettings, options: CreateProviderOptions) {
  const explicit = options.apiKey;
  if (explicit) return () => explicit;
  const variable = settings.api_key_env;
  if (!variable) return undefined;
  return () => {
    const key = options.env[variable];
    if (!key) throw missingVariable(name, `the API key variable ${variable} is not set`);
    return key;
  };
}

function headerReader(name: string, settings: ProviderSettings, env: CreateProviderOptions['env']) {
  const configured = settings.headers;
  if (!configured || Object.keys(configured).length === 0) return undefined;
  return () => {
    const headers: Record<string, string> = {};
    for (const [header, value] of Object.entries(configured)) {
      if (typeof value === 'string') headers[header] = value;
      else {
        const fromEnv = env[value.env];
        if (!fromEnv) throw missingVariable(name, `header ${header} needs ${value.env}, which is not set`);
        headers[header] = fromEnv;
      }
    }
    return headers;
  };
}

function missingVariable(provider: string, detail: string): ProviderFailure {
  return new ProviderFailure(`${provider}: ${detail}`, { provider, kind: 'unauthorised' });
}
