import { type CallIdentity, callFailure, isRecord } from './call-failure.ts';
import type { FinishReason, ModelResponse, ModelUsage, ToolCall } from './provider.ts';
import type { FailureKind } from './provider-failure.ts';

/** Maps a messages answer: text blocks joined, tool_use blocks as tool calls. */
export function fromAnthropicMessagesResponse(json: unknown, call: CallIdentity): ModelResponse {
  if (!isRecord(json) || !Array.isArray(json.content)) {
    throw callFailure(call, 'bad-response', 'the response has no content array');
  }
  let text = '';
  const toolCalls: ToolCall[] = [];
  for (const block of json.content) {
    if (!isRecord(block)) continue;
    if (block.type === 'text' && typeof block.text === 'string') text += block.text;
    if (block.type === 'tool_use') {
      toolCalls.push({
        id: String(block.id ?? ''),
        name: String(block.name ?? ''),
        arguments: JSON.stringify(block.input ?? {}),
      });
    }
  }
  const response: ModelResponse = {
    text,
    toolCalls,
    finishReason: anthropicFinishReason(json.stop_reason),
    usage: anthropicUsage(json.usage, undefined),
    model: typeof json.model === 'string' && json.model ? json.model : call.model,
  };
  if (typeof json.id === 'string' && json.id) response.responseId = json.id;
  return response;
}

const FINISH_REASONS: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  refusal: 'content-filter',
};

export function anthropicFinishReason(value: unknown): FinishReason {
  return (typeof value === 'string' && FINISH_REASONS[value]) || 'other';
}

/**
 * Anthropic counts cache reads and cache writes apart from `input_tokens`; ModelUsage counts every
 * input token in `inputTokens`, as OpenAI does, with the cache reads also in `cachedInputTokens`.
 * In a stream the counts come in two events; `latest` (message_delta) overrides `first` (message_start).
 */
export function anthropicUsage(first: unknown, latest: unknown): ModelUsage | null {
  const start = isRecord(first) ? first : {};
  const end = isRecord(latest) ? latest : {};
  const count = (key: string): number | undefined => {
    const value = end[key] ?? start[key];
    return typeof value === 'number' ? value : undefined;
  };
  const input = count('input_tokens');
  const output = count('output_tokens');
  if (input === undefined && output === undefined) return null;
  const cacheRead = count('cache_read_input_tokens');
  const usage: ModelUsage = {
    inputTokens: (input ?? 0) + (cacheRead ?? 0) + (count('cache_creation_input_tokens') ?? 0),
    outputTokens: output ?? 0,
  };
  if (cacheRead !== undefined) usage.cachedInputTokens = cacheRead;
  return usage;
}

/** The kind for an error Anthropic reports inside a stream (`event: error`), by its error type. */
export function anthropicErrorKind(type: unknown): FailureKind {
  if (type === 'rate_limit_error') return 'rate-limited';
  if (type === 'overloaded_error' || type === 'api_error') return 'overloaded';
  if (type === 'authentication_error' || type === 'permission_error') return 'unauthorised';
  if (type === 'invalid_request_error' || type === 'not_found_error' || type === 'request_too_large') {
    return 'rejected';
  }
  return 'overloaded';
}
