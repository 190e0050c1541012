import { toAnthropicMessagesBody } from './anthropic-messages-request.ts';
import { fromAnthropicMessagesResponse } from './anthropic-messages-response.ts';
import { readAnthropicMessagesStream } from './anthropic-messages-stream.ts';
import type { HttpProtocol, HttpProviderOptions } from './http-model-provider.ts';
import { createHttpModelProvider } from './http-model-provider.ts';
import type { ModelProvider } from './provider.ts';

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';
export const ANTHROPIC_VERSION = '2023-06-01';

const ANTHROPIC_MESSAGES_PROTOCOL: HttpProtocol = {
  protocol: 'anthropic',
  defaultBaseUrl: ANTHROPIC_DEFAULT_BASE_URL,
  path: '/v1/messages',
  authHeaders: (apiKey) => ({
    'anthropic-version': ANTHROPIC_VERSION,
    ...(apiKey ? { 'x-api-key': apiKey } : {}),
  }),
  body: toAnthropicMessagesBody,
  readResponse: fromAnthropicMessagesResponse,
  readStream: readAnthropicMessagesStream,
};

/**
 * A provider speaking the Anthropic messages protocol.
 *
 * @example
 * const provider = createAnthropicMessagesProvider({ name: 'anthropic', apiKey: () => process.env.ANTHROPIC_API_KEY });
 * for await (const part of provider.stream({ model: 'claude-sonnet-4-5', messages })) console.log(part);
 */
export function createAnthropicMessagesProvider(options: HttpProviderOptions): ModelProvider {
  return createHttpModelProvider(ANTHROPIC_MESSAGES_PROTOCOL, options);
}
