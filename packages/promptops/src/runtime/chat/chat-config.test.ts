import { describe, expect, it } from 'vitest';
import { chatModels } from './chat-models.ts';
import { type ChatConfig, checkChatConfig } from './prepare-chat.ts';

const config: ChatConfig = {
  gateway: { classification: 'confidential', owner: 'platform', guards: 'customer-facing' },
  providers: {
    openai: { protocol: 'openai', api_key_env: 'OPENAI_API_KEY' },
    local: { protocol: 'openai', base_url: 'http://127.0.0.1:1234/v1' },
  } as ChatConfig['providers'],
  routes: {
    fast: { model: 'openai/gpt-4o-mini', fallbacks: ['local/llama-3'] },
    house: { model: 'local/llama-3', fallbacks: [] },
    careful: { model: 'openai/gpt-4o', fallbacks: [] },
  },
};
const policies = { models_by_classification: { confidential: ['openai/*'] } };

describe('ad-hoc chat configuration', () => {
  it('lists the routes and models the classification allows, and nothing without gateway:', () => {
    // `fast` falls back to a model confidential data may not reach, so the router would refuse it.
    expect(chatModels(config, policies)).toEqual(['careful', 'openai/gpt-4o-mini', 'openai/gpt-4o']);
    expect(chatModels({ ...config, gateway: undefined }, policies)).toEqual([]);
  });

  it('refuses a gateway guard policy that policies.yaml does not define', () => {
    expect(() => checkChatConfig(config, { guards: { 'customer-facing': {} } })).not.toThrow();
    expect(() => checkChatConfig(config, { guards: { other: {} } })).toThrow(
      'promptops.yaml gateway.guards: "customer-facing" is not a guard policy in policies.yaml (policies: other)',
    );
  });
});
