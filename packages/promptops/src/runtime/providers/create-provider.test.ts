import { describe, expect, it, onTestFinished } from 'vitest';
import { PromptopsError } from '../../errors/index.ts';
import { startScriptedModelServer } from '../../testing/index.ts';
import type { AiSdkPackageSettings } from './create-provider.ts';
import { createProvider } from './create-provider.ts';
import type { ModelProvider } from './provider.ts';
import type { ProviderFailure } from './provider-failure.ts';
import { scriptedLanguageModel } from './scripted-language-model.ts';

const ask = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] };

async function scriptedServer(requireApiKey?: string) {
  const server = await startScriptedModelServer({
    rules: [{ reply: 'Hello' }],
    ...(requireApiKey ? { requireApiKey } : {}),
  });
  onTestFinished(() => server.close());
  return server;
}

function closing(provider: ModelProvider): ModelProvider {
  onTestFinished(() => provider.close?.());
  return provider;
}

describe('createProvider', () => {
  it.each(['openai', 'anthropic'] as const)(
    'builds a %s provider that reads its key when the call is made',
    async (protocol) => {
      const server = await scriptedServer('sk-rotated');
      const env: Record<string, string | undefined> = { MODEL_KEY: 'sk-old' };
      const base_url = protocol === 'openai' ? server.openaiBaseUrl : server.anthropicBaseUrl;
      const provider = closing(
        createProvider('main', { protocol, base_url, api_key_env: 'MODEL_KEY' }, { env }),
      );
      expect(provider).toMatchObject({ name: 'main', protocol });
      const before = await provider.generate(ask).then(
        () => undefined,
        (caught: unknown) => caught as ProviderFailure,
      );
      expect(before?.failure.kind).toBe('unauthorised');
      env.MODEL_KEY = 'sk-rotated';
      expect((await provider.generate(ask)).text).toBe('Hello');
    },
  );

  it('an explicit key wins over the environment', async () => {
    const server = await scriptedServer('sk-explicit');
    const provider = closing(
      createProvider(
        'main',
        { protocol: 'openai', base_url: server.openaiBaseUrl, api_key_env: 'MODEL_KEY' },
        { env: { MODEL_KEY: 'sk-from-env' }, apiKey: 'sk-explicit' },
      ),
    );
    expect((await provider.generate(ask)).text).toBe('Hello');
  });

  it('a missing key variable fails the call as unauthorised, naming the variable, before any request', async () => {
    const server = await scriptedServer();
    const provider = closing(
      createProvider(
        'main',
        { protocol: 'openai', base_url: server.openaiBaseUrl, api_key_env: 'NOT_SET_KEY' },
        { env: {} },
      ),
    );
    const error = (await provider.generate(ask).catch((caught: unknown) => caught)) as ProviderFailure;
    expect(error.failure).toEqual({ provider: 'main', kind: 'unauthorised' });
    expect(error.message).toContain('NOT_SET_KEY');
    expect(server.requests()).toHaveLength(0);
  });

  it('sends literal and { env } headers, without a key when none is configured (local servers)', async () => {
    const server = await scriptedServer();
    const provider = closing(
      createProvider(
        'local',
        {
          protocol: 'openai',
          base_url: server.openaiBaseUrl,
          headers: { 'x-team': 'support', 'x-gateway-token': { env: 'GATEWAY_TOKEN' } },
          timeout_ms: 5_000,
          pool_size: 4,
        },
        { env: { GATEWAY_TOKEN: 'gw-1' } },
      ),
    );
    await provider.generate(ask);
    const [request] = server.requests();
    expect(request?.headers).toMatchObject({ 'x-team': 'support', 'x-gateway-token': 'gw-1' });
    expect(request?.apiKeyPresent).toBe(false);
  });

  it('protocol ai-sdk without the package factory is a configuration error that says what to pass', () => {
    const build = () =>
      createProvider('mistral', { protocol: 'ai-sdk', package: '@ai-sdk/mistral' }, { env: {} });
    expect(build).toThrow(PromptopsError);
    expect(build).toThrow(/@ai-sdk\/mistral.*aiSdkPackages/);
  });

  it('protocol ai-sdk hands the package factory the key, base URL and headers, rebuilding only when they change', async () => {
    const seen: AiSdkPackageSettings[] = [];
    const createPackage = (settings: AiSdkPackageSettings) => {
      seen.push(settings);
      return (modelId: string) => scriptedLanguageModel(modelId, { rules: [{ reply: `model ${modelId}` }] });
    };
    const env: Record<string, string | undefined> = { MISTRAL_KEY: 'k1', TEAM: 'a' };
    const provider = createProvider(
      'mistral',
      {
        protocol: 'ai-sdk',
        package: '@ai-sdk/mistral',
        api_key_env: 'MISTRAL_KEY',
        base_url: 'https://mistral.example/v1',
        headers: { 'x-team': { env: 'TEAM' } },
      },
      { env, aiSdkPackages: { '@ai-sdk/mistral': createPackage } },
    );
    expect(provider.protocol).toBe('ai-sdk');
    expect((await provider.generate({ ...ask, model: 'mistral-small' })).text).toBe('model mistral-small');
    await provider.generate(ask);
    env.MISTRAL_KEY = 'k2';
    await provider.generate(ask);
    expect(seen).toEqual([
      { apiKey: 'k1', baseURL: 'https://mistral.example/v1', headers: { 'x-team': 'a' } },
      { apiKey: 'k2', baseURL: 'https://mistral.example/v1', headers: { 'x-team': 'a' } },
    ]);
  });
});
