// Model providers: the contract every adapter implements, the adapters, and the factory that builds
// one from promptops.yaml. Everything else in this folder is internal.

export type { AiSdkLanguageModel } from './ai-sdk-language-model.ts';
// Adapters
export { type AiSdkProviderOptions, createAiSdkProvider } from './ai-sdk-provider.ts';
export {
  ANTHROPIC_DEFAULT_BASE_URL,
  ANTHROPIC_VERSION,
  createAnthropicMessagesProvider,
} from './anthropic-messages-provider.ts';
export { ANTHROPIC_DEFAULT_MAX_TOKENS } from './anthropic-messages-request.ts';
// From promptops.yaml
export {
  type AiSdkPackageFactory,
  type AiSdkPackageSettings,
  type CreateProviderOptions,
  createProvider,
  type ProviderSettings,
} from './create-provider.ts';
export type { HttpProviderOptions } from './http-model-provider.ts';
export { createOpenAiChatProvider, OPENAI_DEFAULT_BASE_URL } from './openai-chat-provider.ts';
// Contract
export type {
  EmbeddingRequest,
  EmbeddingResponse,
  FinishReason,
  ModelMessage,
  ModelParameters,
  ModelProvider,
  ModelRequest,
  ModelResponse,
  ModelRole,
  ModelStreamPart,
  ModelUsage,
  ProtocolName,
  ResponseFormat,
  ToolCall,
  ToolDefinition,
} from './provider.ts';
export {
  type FailureKind,
  ProviderFailure,
  type ProviderFailureDetails,
  parseRetryAfter,
} from './provider-failure.ts';
// Shared with other stream readers
export { parseServerSentEvents, type ServerSentEvent } from './sse-parser.ts';
