import { anthropicErrorKind, anthropicFinishReason, anthropicUsage } from './anthropic-messages-response.ts';
import { type CallIdentity, callFailure, isRecord } from './call-failure.ts';
import type { ModelStreamPart } from './provider.ts';
import type { ServerSentEvent } from './sse-parser.ts';

interface OpenToolUse {
  id: string;
  name: string;
  input: string;
}

/**
 * Maps a messages event stream (https://docs.anthropic.com/en/api/messages-streaming):
 * message_start (id, model, input usage) → content_block_start/delta/stop (text, tool_use with
 * partial JSON input) → message_delta (stop reason, output usage) → message_stop. A tool call is
 * yielded when its block stops; the finish part at message_stop. Without message_stop it is cut.
 */
export async function* readAnthropicMessagesStream(
  events: AsyncIterable<ServerSentEvent>,
  call: CallIdentity,
): AsyncGenerator<ModelStreamPart> {
  const toolUses = new Map<number, OpenToolUse>();
  let model = call.model;
  let responseId: string | undefined;
  let startUsage: unknown;
  let deltaUsage: unknown;
  let stopReason: unknown;

  for await (const event of events) {
    const data = parseEvent(event.data, call);
    switch (data.type) {
      case 'message_start': {
        const message = isRecord(data.message) ? data.message : {};
        if (typeof message.model === 'string' && message.model) model = message.model;
        if (typeof message.id === 'string' && message.id) responseId = message.id;
        startUsage = message.usage;
        break;
      }
      case 'content_block_start': {
        const block = isRecord(data.content_block) ? data.content_block : {};
        if (block.type === 'tool_use') {
          toolUses.set(Number(data.index), {
            id: String(block.id ?? ''),
            name: String(block.name ?? ''),
            input: '',
          });
        } else if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') {
          yield { type: 'text-delta', text: block.text };
        }
        break;
      }
      case 'content_block_delta': {
        const delta = isRecord(data.delta) ? data.delta : {};
        if (delta.type === 'text_delta' && typeof delta.text === 'string' && delta.text !== '') {
          yield { type: 'text-delta', text: delta.text };
        } else if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string') {
          const toolUse = toolUses.get(Number(data.index));
          if (toolUse) toolUse.input += delta.partial_json;
        }
        break;
      }
      case 'content_block_stop': {
        const toolUse = toolUses.get(Number(data.index));
        if (toolUse) {
          toolUses.delete(Number(data.index));
          const input = toolUse.input.trim() === '' ? '{}' : toolUse.input;
          yield { type: 'tool-call', call: { id: toolUse.id, name: toolUse.name, arguments: input } };
        }
        break;
      }
      case 'message_delta': {
        if (isRecord(data.delta) && data.delta.stop_reason) stopReason = data.delta.stop_reason;
        if (data.usage !== undefined) deltaUsage = data.usage;
        break;
      }
      case 'message_stop': {
        const usage = anthropicUsage(startUsage, deltaUsage);
        const finishReason = anthropicFinishReason(stopReason);
        yield { type: 'finish', finishReason, usage, model, ...(responseId ? { responseId } : {}) };
        return;
      }
      case 'error': {
        const error = isRecord(data.error) ? data.error : {};
        const message = typeof error.message === 'string' ? error.message : 'no message';
        throw callFailure(call, anthropicErrorKind(error.type), `the provider failed mid-stream: ${message}`);
      }
      default:
        // ping, and event types added after this adapter was written.
        break;
    }
  }
  throw callFailure(call, 'stream-cut', 'the stream ended before message_stop');
}

function parseEvent(data: string, call: CallIdentity): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    throw callFailure(call, 'bad-response', `a stream event is not JSON: ${data.slice(0, 200)}`, {
      cause: error,
    });
  }
  if (!isRecord(value)) throw callFailure(call, 'bad-response', 'a stream event is not a JSON object');
  return value;
}
