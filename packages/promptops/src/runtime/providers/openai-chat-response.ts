import { type CallIdentity, callFailure, isRecord } from './call-failure.ts';
import type { FinishReason, ModelResponse, ModelUsage, ToolCall } from './provider.ts';

/** Maps a chat-completions answer; anything without a first choice and its message is a bad response. */
export function fromOpenAiChatResponse(json: unknown, call: CallIdentity): ModelResponse {
  const choices = isRecord(json) ? json.choices : undefined;
  const choice = Array.isArray(choices) ? choices[0] : undefined;
  if (!isRecord(json) || !isRecord(choice) || !isRecord(choice.message)) {
    throw callFailure(call, 'bad-response', 'the response has no choices[0].message');
  }
  const message = choice.message;
  const toolCalls = Array.isArray(message.tool_calls)
    ? message.tool_calls.filter(isRecord).map((toolCall, index) => toOpenAiToolCall(toolCall, index))
    : [];
  const response: ModelResponse = {
    text: typeof message.content === 'string' ? message.content : '',
    toolCalls,
    finishReason: openAiFinishReason(choice.finish_reason, toolCalls.length > 0),
    usage: openAiUsage(json.usage),
    model: typeof json.model === 'string' && json.model ? json.model : call.model,
  };
  if (typeof json.id === 'string' && json.id) response.responseId = json.id;
  return response;
}

function toOpenAiToolCall(toolCall: Record<string, unknown>, index: number): ToolCall {
  const fn = isRecord(toolCall.function) ? toolCall.function : {};
  return {
    id: typeof toolCall.id === 'string' && toolCall.id ? toolCall.id : `call_${index}`,
    name: typeof fn.name === 'string' ? fn.name : '',
    arguments: toolArguments(fn.arguments),
  };
}

/** Arguments as JSON text: '' (a tool without parameters) becomes '{}'; an object (Ollama) is serialised. */
export function toolArguments(value: unknown): string {
  if (typeof value === 'string') return value.trim() === '' ? '{}' : value;
  return value === undefined || value === null ? '{}' : JSON.stringify(value);
}

const FINISH_REASONS: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
};

/**
 * Some compatible servers (vLLM, Ollama) answer `stop` to a turn that called tools; the turn still
 * ended on tool calls, and the runtime's tool loop keys on that.
 */
export function openAiFinishReason(value: unknown, calledTools: boolean): FinishReason {
  const reason = (typeof value === 'string' && FINISH_REASONS[value]) || 'other';
  return reason === 'stop' && calledTools ? 'tool-calls' : reason;
}

export function openAiUsage(value: unknown): ModelUsage | null {
  if (!isRecord(value) || typeof value.prompt_tokens !== 'number') return null;
  const usage: ModelUsage = {
    inputTokens: value.prompt_tokens,
    outputTokens: typeof value.completion_tokens === 'number' ? value.completion_tokens : 0,
  };
  const details = value.prompt_tokens_details;
  if (isRecord(details) && typeof details.cached_tokens === 'number')
    usage.cachedInputTokens = details.cached_tokens;
  return usage;
}
