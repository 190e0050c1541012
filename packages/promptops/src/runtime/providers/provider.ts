/**
 * The provider contract: what every model adapter implements, whatever its wire protocol. Small and
 * versioned like the AI SDK's LanguageModel interface; the pipeline depends on this file only.
 * Adapters: openai-chat (OpenAI chat-completions protocol), anthropic-messages, ai-sdk (any AI SDK
 * provider package through its doGenerate/doStream).
 */

export type ModelRole = 'system' | 'user' | 'assistant' | 'tool';

export interface ToolCall {
  id: string;
  name: string;
  /** The arguments as the model wrote them (JSON text); the runtime parses and validates them. */
  arguments: string;
}

export interface ModelMessage {
  role: ModelRole;
  content: string;
  /** Assistant turns that called tools. */
  toolCalls?: ToolCall[];
  /** Tool turns: which call this answers. */
  toolCallId?: string;
}

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
}

export interface ModelParameters {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  stop?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
}

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown> };

export interface ModelRequest {
  /** The provider's own model name (`gpt-4o-mini`), without the `provider/` prefix. */
  model: string;
  messages: ModelMessage[];
  parameters?: ModelParameters;
  responseFormat?: ResponseFormat;
  tools?: ToolDefinition[];
  /** Aborts the call (the runtime's total timeout and the caller's cancellation). */
  signal?: AbortSignal;
}

export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache, when it says so. */
  cachedInputTokens?: number;
}

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'other';

export interface ModelResponse {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  /** Null when the provider did not report usage; the runtime then estimates and says so. */
  usage: ModelUsage | null;
  /** The model that answered, as the provider reports it. */
  model: string;
  /** The provider's id of the response, for support tickets. */
  responseId?: string;
}

export type ModelStreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'tool-call'; call: ToolCall }
  | {
      type: 'finish';
      finishReason: FinishReason;
      usage: ModelUsage | null;
      model: string;
      responseId?: string;
    };

export type ProtocolName = 'openai' | 'anthropic' | 'ai-sdk';

export interface EmbeddingRequest {
  model: string;
  input: string[];
  signal?: AbortSignal;
}

export interface EmbeddingResponse {
  /** One vector per input, in input order. */
  embeddings: number[][];
  usage: { inputTokens: number } | null;
}

/**
 * One configured provider. `generate` resolves or throws a ProviderFailure; `stream` yields parts
 * and ends with exactly one `finish` part — a stream that ends without one (cut mid-answer) throws.
 */
export interface ModelProvider {
  readonly name: string;
  readonly protocol: ProtocolName;
  generate(request: ModelRequest): Promise<ModelResponse>;
  stream(request: ModelRequest): AsyncIterable<ModelStreamPart>;
  /** Text embeddings, where the protocol has them (OpenAI's `/embeddings`); used for few-shot selection. */
  embed?(request: EmbeddingRequest): Promise<EmbeddingResponse>;
  close?(): Promise<void>;
}
