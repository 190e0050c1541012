import { describe, expect, it } from 'vitest';
import { toAnthropicMessagesBody } from './anthropic-messages-request.ts';
import { fromAnthropicMessagesResponse } from './anthropic-messages-response.ts';
import { readAnthropicMessagesStream } from './anthropic-messages-stream.ts';
import type { CallIdentity } from './call-failure.ts';
import type { ModelStreamPart } from './provider.ts';
import type { ProviderFailure } from './provider-failure.ts';

const call: CallIdentity = { provider: 'anthropic', model: 'claude-test' };

async function readAll(events: Record<string, unknown>[]) {
  async function* stream() {
    for (const data of events) yield { event: String(data.type), data: JSON.stringify(data) };
  }
  const parts: ModelStreamPart[] = [];
  const error = await (async () => {
    for await (const part of readAnthropicMessagesStream(stream(), call)) parts.push(part);
  })().catch((caught: unknown) => caught as ProviderFailure);
  return { parts, error };
}

describe('Anthropic messages request body', () => {
  it('moves system messages to `system`, defaults max_tokens and maps what Anthropic has', () => {
    const body = toAnthropicMessagesBody(
      {
        model: 'claude-test',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'system', content: 'Be kind.' },
          { role: 'user', content: 'Hi' },
        ],
        parameters: { temperature: 0.5, topP: 0.8, stop: ['END'], seed: 1, presencePenalty: 1 },
        responseFormat: { type: 'json' },
        tools: [{ name: 'lookup', description: 'Looks up', parameters: { type: 'object' } }],
      },
      true,
    );
    expect(body).toEqual({
      model: 'claude-test',
      max_tokens: 1024,
      system: 'Be brief.\n\nBe kind.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      temperature: 0.5,
      top_p: 0.8,
      stop_sequences: ['END'],
      tools: [{ name: 'lookup', description: 'Looks up', input_schema: { type: 'object' } }],
      stream: true,
    });
  });

  it('sends tool_use with an object input, and merges tool results and the next user turn into one', () => {
    const body = toAnthropicMessagesBody(
      {
        model: 'm',
        parameters: { maxTokens: 200 },
        messages: [
          { role: 'user', content: 'Weather in Paris and Rome?' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [
              { id: 't1', name: 'weather', arguments: '{"city":"Paris"}' },
              { id: 't2', name: 'weather', arguments: 'not json' },
            ],
          },
          { role: 'tool', toolCallId: 't1', content: 'sunny' },
          { role: 'tool', toolCallId: 't2', content: 'rain' },
          { role: 'user', content: 'Thanks' },
        ],
      },
      false,
    );
    expect(body.max_tokens).toBe(200);
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 't1', name: 'weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 't2', name: 'weather', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't1', content: 'sunny' },
          { type: 'tool_result', tool_use_id: 't2', content: 'rain' },
          { type: 'text', text: 'Thanks' },
        ],
      },
    ]);
  });
});

describe('Anthropic messages response', () => {
  it('counts cache reads and writes as input tokens, cache reads also as cached', () => {
    const response = fromAnthropicMessagesResponse(
      {
        id: 'msg_1',
        model: 'claude-test-2025',
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
        ],
        stop_reason: 'tool_use',
        usage: {
          input_tokens: 10,
          cache_read_input_tokens: 100,
          cache_creation_input_tokens: 5,
          output_tokens: 20,
        },
      },
      call,
    );
    expect(response).toEqual({
      text: 'Let me check.',
      toolCalls: [{ id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' }],
      finishReason: 'tool-calls',
      usage: { inputTokens: 115, outputTokens: 20, cachedInputTokens: 100 },
      model: 'claude-test-2025',
      responseId: 'msg_1',
    });
  });

  it('maps stop reasons', () => {
    const finish = (stop_reason: string) =>
      fromAnthropicMessagesResponse({ content: [], stop_reason }, call).finishReason;
    expect(['end_turn', 'stop_sequence', 'max_tokens', 'refusal', 'pause_turn'].map(finish)).toEqual([
      'stop',
      'stop',
      'length',
      'content-filter',
      'other',
    ]);
  });
});

describe('Anthropic messages stream', () => {
  const start = {
    type: 'message_start',
    message: {
      id: 'msg_2',
      model: 'claude-test-2025',
      usage: { input_tokens: 30, cache_read_input_tokens: 8, output_tokens: 1 },
    },
  };

  it('yields text, whole tool calls from partial JSON, and a finish with input and output usage', async () => {
    const { parts, error } = await readAll([
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'ping' },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Checking' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'toolu_2', name: 'weather', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"city":' },
      },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"Rome"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 25 } },
      { type: 'message_stop' },
    ]);
    expect(error).toBeUndefined();
    expect(parts).toEqual([
      { type: 'text-delta', text: 'Checking' },
      { type: 'tool-call', call: { id: 'toolu_2', name: 'weather', arguments: '{"city":"Rome"}' } },
      {
        type: 'finish',
        finishReason: 'tool-calls',
        usage: { inputTokens: 38, outputTokens: 25, cachedInputTokens: 8 },
        model: 'claude-test-2025',
        responseId: 'msg_2',
      },
    ]);
  });

  it('an error event is mapped by its type', async () => {
    const { error } = await readAll([
      start,
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    ]);
    expect(error?.failure.kind).toBe('overloaded');
    const limited = await readAll([
      { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } },
    ]);
    expect(limited.error?.failure.kind).toBe('rate-limited');
  });

  it('without message_stop the stream is cut', async () => {
    const { parts, error } = await readAll([
      start,
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Half' } },
    ]);
    expect(parts).toEqual([{ type: 'text-delta', text: 'Half' }]);
    expect(error?.failure.kind).toBe('stream-cut');
  });
});
