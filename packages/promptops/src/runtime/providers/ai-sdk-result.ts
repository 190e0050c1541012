import type { AiSdkFinishReason, AiSdkGenerateResult, AiSdkUsage } from './ai-sdk-language-model.ts';
import { isRecord } from './call-failure.ts';
import { toolArguments } from './openai-chat-response.ts';
import type { FinishReason, ModelResponse, ModelUsage, ToolCall } from './provider.ts';

/** A doGenerate result as a ModelResponse. Tool calls the provider ran itself are not ours to run. */
export function fromAiSdkResult(result: AiSdkGenerateResult, requestedModel: string): ModelResponse {
  let text = '';
  const toolCalls: ToolCall[] = [];
  for (const part of result.content) {
    if (part.type === 'text' && typeof part.text === 'string') text += part.text;
    const call = toolCallOf(part);
    if (call) toolCalls.push(call);
  }
  const response: ModelResponse = {
    text,
    toolCalls,
    finishReason: aiSdkFinishReason(result.finishReason),
    usage: aiSdkUsage(result.usage),
    model: result.response?.modelId || requestedModel,
  };
  if (result.response?.id) response.responseId = result.response.id;
  return response;
}

export function toolCallOf(part: {
  type: string;
  toolCallId?: string;
  toolName?: string;
  input?: unknown;
  providerExecuted?: boolean;
}): ToolCall | undefined {
  if (part.type !== 'tool-call' || part.providerExecuted) return undefined;
  return { id: part.toolCallId ?? '', name: part.toolName ?? '', arguments: toolArguments(part.input) };
}

const FINISH_REASONS: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool-calls',
  'content-filter': 'content-filter',
};

/** v2 says `'stop'`; v3 and later say `{ unified: 'stop', raw: 'end_turn' }`. `error`/`unknown` → other. */
export function aiSdkFinishReason(value: AiSdkFinishReason | undefined): FinishReason {
  const unified = typeof value === 'string' ? value : value?.unified;
  return (unified && FINISH_REASONS[unified]) || 'other';
}

/** v2 counts are numbers; v3 and later nest them (`inputTokens.total`, `inputTokens.cacheRead`). */
export function aiSdkUsage(usage: AiSdkUsage | undefined): ModelUsage | null {
  if (!usage) return null;
  const input = isRecord(usage.inputTokens) ? usage.inputTokens.total : usage.inputTokens;
  const output = isRecord(usage.outputTokens) ? usage.outputTokens.total : usage.outputTokens;
  if (typeof input !== 'number' && typeof output !== 'number') return null;
  const cached = isRecord(usage.inputTokens) ? usage.inputTokens.cacheRead : usage.cachedInputTokens;
  const result: ModelUsage = { inputTokens: input ?? 0, outputTokens: output ?? 0 };
  if (typeof cached === 'number') result.cachedInputTokens = cached;
  return result;
}
