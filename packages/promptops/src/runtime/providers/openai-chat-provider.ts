import type { HttpProtocol, HttpProviderOptions } from './http-model-provider.ts';
import { createHttpModelProvider } from './http-model-provider.ts';
import { toOpenAiChatBody } from './openai-chat-request.ts';
import { fromOpenAiChatResponse } from './openai-chat-response.ts';
import { readOpenAiChatStream } from './openai-chat-stream.ts';
import { OPENAI_EMBEDDINGS } from './openai-embeddings.ts';
import type { ModelProvider } from './provider.ts';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

const OPENAI_CHAT_PROTOCOL: HttpProtocol = {
  protocol: 'openai',
  defaultBaseUrl: OPENAI_DEFAULT_BASE_URL,
  path: '/chat/completions',
  // Local servers (Ollama, llama.cpp, LM Studio) take no key: then no Authorization header at all.
  authHeaders: (apiKey): Record<string, string> => (apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
  body: toOpenAiChatBody,
  readResponse: fromOpenAiChatResponse,
  readStream: readOpenAiChatStream,
  embeddings: OPENAI_EMBEDDINGS,
};

/**
 * A provider speaking the OpenAI chat-completions protocol: OpenAI itself, Azure OpenAI (base URL of
 * the deployment with `?api-version=`, key in an `api-key` header), vLLM, Ollama, llama.cpp, LM
 * Studio, Groq, Together, Mistral, DeepSeek.
 *
 * @example
 * const provider = createOpenAiChatProvider({ name: 'openai', apiKey: () => process.env.OPENAI_API_KEY });
 * const answer = await provider.generate({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createOpenAiChatProvider(options: HttpProviderOptions): ModelProvider {
  return createHttpModelProvider(OPENAI_CHAT_PROTOCOL, options);
}
