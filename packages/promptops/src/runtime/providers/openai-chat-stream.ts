import { type CallIdentity, callFailure, isRecord, providerErrorMessage } from './call-failure.ts';
import { openAiFinishReason, openAiUsage, toolArguments } from './openai-chat-response.ts';
import type { FinishReason, ModelStreamPart, ModelUsage, ToolCall } from './provider.ts';
import type { ServerSentEvent } from './sse-parser.ts';

interface PartialToolCall {
  index: number;
  id: string;
  name: string;
  arguments: string;
}

/**
 * Maps a chat-completions event stream to stream parts. Text streams as it comes; tool calls arrive as
 * deltas (`{ index, id?, function: { name?, arguments? } }`) and are yielded whole when the choice
 * finishes. With `include_usage` the usage comes in its own chunk after the finish reason, so the
 * finish part is yielded at `[DONE]`; a stream that ends before `[DONE]` is cut.
 */
export async function* readOpenAiChatStream(
  events: AsyncIterable<ServerSentEvent>,
  call: CallIdentity,
): AsyncGenerator<ModelStreamPart> {
  const toolCalls: PartialToolCall[] = [];
  let toolCallsYielded = false;
  let finishReason: FinishReason | undefined;
  let usage: ModelUsage | null = null;
  let model = call.model;
  let responseId: string | undefined;

  for await (const event of events) {
    if (event.data === '[DONE]') {
      if (!toolCallsYielded) yield* completeToolCalls(toolCalls);
      const reason = finishReason ?? openAiFinishReason(undefined, toolCalls.length > 0);
      yield { type: 'finish', finishReason: reason, usage, model, ...(responseId ? { responseId } : {}) };
      return;
    }
    const chunk = parseChunk(event.data, call);
    if (typeof chunk.id === 'string' && chunk.id) responseId = chunk.id;
    if (typeof chunk.model === 'string' && chunk.model) model = chunk.model;
    const chunkUsage = openAiUsage(chunk.usage);
    if (chunkUsage) usage = chunkUsage;
    const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
    if (!isRecord(choice)) continue;
    const delta = isRecord(choice.delta) ? choice.delta : {};
    if (typeof delta.content === 'string' && delta.content !== '')
      yield { type: 'text-delta', text: delta.content };
    if (Array.isArray(delta.tool_calls)) {
      for (const toolDelta of delta.tool_calls) if (isRecord(toolDelta)) addToolDelta(toolCalls, toolDelta);
    }
    if (typeof choice.finish_reason === 'string' && choice.finish_reason) {
      finishReason = openAiFinishReason(choice.finish_reason, toolCalls.length > 0);
      yield* completeToolCalls(toolCalls);
      toolCallsYielded = true;
    }
  }
  throw callFailure(call, 'stream-cut', 'the stream ended before [DONE]');
}

function parseChunk(data: string, call: CallIdentity): Record<string, unknown> {
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch (error) {
    throw callFailure(call, 'bad-response', `a stream event is not JSON: ${data.slice(0, 200)}`, {
      cause: error,
    });
  }
  if (!isRecord(chunk)) throw callFailure(call, 'bad-response', 'a stream event is not a JSON object');
  // OpenAI and vLLM report a failure that happens mid-answer as an event of its own.
  if (chunk.error !== undefined) {
    throw callFailure(call, 'overloaded', `the provider failed mid-stream: ${providerErrorMessage(data)}`);
  }
  return chunk;
}

function addToolDelta(toolCalls: PartialToolCall[], delta: Record<string, unknown>): void {
  const fn = isRecord(delta.function) ? delta.function : {};
  const id = typeof delta.id === 'string' ? delta.id : '';
  // `index` is what OpenAI keys deltas on; a server that omits it sends each call whole, with its id.
  const index = typeof delta.index === 'number' ? delta.index : undefined;
  let toolCall =
    index !== undefined
      ? toolCalls.find((candidate) => candidate.index === index)
      : id
        ? toolCalls.find((candidate) => candidate.id === id)
        : toolCalls.at(-1);
  if (!toolCall) {
    toolCall = { index: index ?? toolCalls.length, id, name: '', arguments: '' };
    toolCalls.push(toolCall);
  }
  if (id && !toolCall.id) toolCall.id = id;
  // The name comes whole in the first delta; some servers repeat it, so it is not concatenated.
  if (typeof fn.name === 'string' && fn.name && !toolCall.name) toolCall.name = fn.name;
  if (typeof fn.arguments === 'string') toolCall.arguments += fn.arguments;
  else if (isRecord(fn.arguments)) toolCall.arguments = JSON.stringify(fn.arguments);
}

function* completeToolCalls(toolCalls: PartialToolCall[]): Generator<ModelStreamPart> {
  for (const [position, partial] of toolCalls.entries()) {
    const call: ToolCall = {
      id: partial.id || `call_${position}`,
      name: partial.name,
      arguments: toolArguments(partial.arguments),
    };
    yield { type: 'tool-call', call };
  }
}
