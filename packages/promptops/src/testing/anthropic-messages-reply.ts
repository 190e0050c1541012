import { type ModelAnswer, splitIntoPieces } from './model-answer.ts';
import type { PreparedReply, StreamEvent } from './protocol-adapter.ts';
import type { ScriptedFinish } from './script-types.ts';

const STOP_REASONS: Record<ScriptedFinish, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  'tool-calls': 'tool_use',
  'content-filter': 'refusal',
};

// `input` must be an object on the wire; arguments that are not JSON are sent as a string so the
// client's validation fails the way it would on a broken tool call.
function toolInput(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function event(type: string, data: unknown, content = false): StreamEvent {
  return { event: type, data: JSON.stringify(data), content };
}

/**
 * A messages reply, serialised once. Streams follow the real event order: message_start, then per
 * content block content_block_start / content_block_delta... / content_block_stop (a ping after the
 * first start), message_delta with the stop reason and output tokens, message_stop.
 */
export function prepareAnthropicMessagesReply(answer: ModelAnswer): PreparedReply {
  const toolUses = answer.toolCalls.map((call, index) => ({
    id: call.id ?? `toolu_scripted_${index}`,
    name: call.name,
    arguments: call.arguments,
  }));
  const withText = answer.text !== '' || toolUses.length === 0;
  const content = [
    ...(withText ? [{ type: 'text', text: answer.text }] : []),
    ...toolUses.map((use) => ({
      type: 'tool_use',
      id: use.id,
      name: use.name,
      input: toolInput(use.arguments),
    })),
  ];
  const stopReason = STOP_REASONS[answer.finish];
  const contentJson = JSON.stringify(content);

  const blockEvents: StreamEvent[] = [];
  let index = 0;
  if (withText) {
    blockEvents.push(
      event('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'text', text: '' },
      }),
    );
    for (const chunk of answer.chunks) {
      blockEvents.push(
        event(
          'content_block_delta',
          { type: 'content_block_delta', index, delta: { type: 'text_delta', text: chunk } },
          true,
        ),
      );
    }
    blockEvents.push(event('content_block_stop', { type: 'content_block_stop', index }));
    index += 1;
  }
  for (const use of toolUses) {
    const block = { type: 'tool_use', id: use.id, name: use.name, input: {} };
    blockEvents.push(
      event('content_block_start', { type: 'content_block_start', index, content_block: block }, true),
    );
    for (const piece of splitIntoPieces(use.arguments)) {
      const delta = { type: 'input_json_delta', partial_json: piece };
      blockEvents.push(event('content_block_delta', { type: 'content_block_delta', index, delta }, true));
    }
    blockEvents.push(event('content_block_stop', { type: 'content_block_stop', index }));
    index += 1;
  }
  blockEvents.splice(1, 0, event('ping', { type: 'ping' }));
  const closing = [
    event('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: answer.outputTokens },
    }),
    event('message_stop', { type: 'message_stop' }),
  ];

  return {
    body: (context) =>
      `{"id":"${context.id}","type":"message","role":"assistant","model":${context.modelJson},"content":${contentJson},"stop_reason":"${stopReason}","stop_sequence":null,"usage":{"input_tokens":${context.inputTokens},"output_tokens":${answer.outputTokens}}}`,
    events(context) {
      const start = `{"type":"message_start","message":{"id":"${context.id}","type":"message","role":"assistant","model":${context.modelJson},"content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":${context.inputTokens},"output_tokens":1}}}`;
      return [{ event: 'message_start', data: start, content: false }, ...blockEvents, ...closing];
    },
  };
}
