/**
 * The part of the Vercel AI SDK's LanguageModel interface (`@ai-sdk/provider`, specification v2, v3
 * and v4: https://github.com/vercel/ai/tree/main/packages/provider/src/language-model) that the
 * ai-sdk adapter uses, typed structurally so no AI SDK package has to be installed. The result
 * types are deliberately wide: a real `LanguageModelV2`/`V3` object must be assignable to
 * `AiSdkLanguageModel` without a cast. Where the versions differ (finish reason, usage), both
 * shapes are listed.
 */

export interface AiSdkLanguageModel {
  readonly specificationVersion: string;
  readonly provider: string;
  readonly modelId: string;
  doGenerate(options: AiSdkCallOptions): PromiseLike<AiSdkGenerateResult>;
  doStream(options: AiSdkCallOptions): PromiseLike<{ stream: ReadableStream<AiSdkStreamPart> }>;
}

/**
 * The call options as the interface declares them: wide, so that every version's own call options
 * type relates to it. What the adapter actually sends is the narrower `AiSdkRequestOptions`.
 */
export interface AiSdkCallOptions {
  prompt: ReadonlyArray<{ role: string; content: unknown }>;
  abortSignal?: AbortSignal;
}

export type AiSdkTextPart = { type: 'text'; text: string };
export type AiSdkToolCallPart = { type: 'tool-call'; toolCallId: string; toolName: string; input: unknown };
export type AiSdkToolResultPart = {
  type: 'tool-result';
  toolCallId: string;
  toolName: string;
  output: { type: 'text'; value: string };
};

export type AiSdkMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: AiSdkTextPart[] }
  | { role: 'assistant'; content: Array<AiSdkTextPart | AiSdkToolCallPart> }
  | { role: 'tool'; content: AiSdkToolResultPart[] };

export interface AiSdkRequestOptions extends AiSdkCallOptions {
  prompt: AiSdkMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseFormat?: { type: 'text' } | { type: 'json'; schema?: Record<string, unknown>; name?: string };
  tools?: { type: 'function'; name: string; description?: string; inputSchema: Record<string, unknown> }[];
}

/** v2: a string; v3 and later: `{ unified, raw }`. */
export type AiSdkFinishReason = string | { unified: string; raw?: string | undefined };

type TokenCount = number | undefined;

/** v2: flat counts; v3 and later: `{ total, cacheRead, ... }` objects. */
export interface AiSdkUsage {
  inputTokens?: TokenCount | { total?: TokenCount; cacheRead?: TokenCount };
  outputTokens?: TokenCount | { total?: TokenCount };
  cachedInputTokens?: TokenCount;
}

export interface AiSdkContentPart {
  type: string;
  text?: string;
  toolCallId?: string;
  toolName?: string;
  input?: unknown;
  providerExecuted?: boolean;
}

export interface AiSdkGenerateResult {
  content: ReadonlyArray<AiSdkContentPart>;
  finishReason: AiSdkFinishReason;
  usage: AiSdkUsage;
  response?: { id?: string; modelId?: string };
}

export interface AiSdkStreamPart {
  type: string;
  delta?: string;
  id?: string;
  modelId?: string;
  toolCallId?: string;
  toolName?: string;
  input?: unknown;
  providerExecuted?: boolean;
  finishReason?: AiSdkFinishReason;
  usage?: AiSdkUsage;
  error?: unknown;
}
