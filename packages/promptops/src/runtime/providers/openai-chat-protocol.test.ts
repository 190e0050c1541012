import { describe, expect, it } from 'vitest';
import type { CallIdentity } from './call-failure.ts';
import { toOpenAiChatBody } from './openai-chat-request.ts';
import { fromOpenAiChatResponse } from './openai-chat-response.ts';
import { readOpenAiChatStream } from './openai-chat-stream.ts';
import type { ModelStreamPart } from './provider.ts';
import { ProviderFailure } from './provider-failure.ts';

const call: CallIdentity = { provider: 'openai', model: 'gpt-test' };

async function readAll(chunks: unknown[]): Promise<ModelStreamPart[]> {
  async function* events() {
    for (const chunk of chunks)
      yield { event: 'message', data: typeof chunk === 'string' ? chunk : JSON.stringify(chunk) };
  }
  const parts: ModelStreamPart[] = [];
  for await (const part of readOpenAiChatStream(events(), call)) parts.push(part);
  return parts;
}

describe('OpenAI chat-completions request body', () => {
  it('maps parameters, JSON schema (strict), tools and streaming with usage', () => {
    const body = toOpenAiChatBody(
      {
        model: 'gpt-test',
        messages: [{ role: 'user', content: 'Hi' }],
        parameters: {
          maxTokens: 50,
          temperature: 0.2,
          topP: 0.9,
          stop: ['END'],
          seed: 7,
          presencePenalty: 0.1,
          frequencyPenalty: 0.3,
        },
        responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' } },
        tools: [{ name: 'lookup', description: 'Looks up', parameters: { type: 'object' } }],
      },
      true,
    );
    expect(body).toEqual({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 50,
      temperature: 0.2,
      top_p: 0.9,
      stop: ['END'],
      seed: 7,
      presence_penalty: 0.1,
      frequency_penalty: 0.3,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
      },
      tools: [
        {
          type: 'function',
          function: { name: 'lookup', description: 'Looks up', parameters: { type: 'object' } },
        },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('leaves out what the request leaves out; json mode is json_object', () => {
    const body = toOpenAiChatBody({ model: 'm', messages: [], responseFormat: { type: 'json' } }, false);
    expect(body).toEqual({ model: 'm', messages: [], response_format: { type: 'json_object' } });
  });

  it('sends tool calls with null content and tool results by call id', () => {
    const body = toOpenAiChatBody(
      {
        model: 'm',
        messages: [
          { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'lookup', arguments: '{"q":1}' }] },
          { role: 'tool', toolCallId: 'c1', content: 'found' },
        ],
      },
      false,
    );
    expect(body.messages).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"q":1}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'found' },
    ]);
  });
});

describe('OpenAI chat-completions response', () => {
  it('reads cached prompt tokens and maps finish reasons', () => {
    const response = fromOpenAiChatResponse(
      {
        id: 'chatcmpl-9',
        model: 'gpt-test-2024',
        choices: [{ message: { content: 'Hi' }, finish_reason: 'content_filter' }],
        usage: { prompt_tokens: 100, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 64 } },
      },
      call,
    );
    expect(response).toEqual({
      text: 'Hi',
      toolCalls: [],
      finishReason: 'content-filter',
      usage: { inputTokens: 100, outputTokens: 3, cachedInputTokens: 64 },
      model: 'gpt-test-2024',
      responseId: 'chatcmpl-9',
    });
  });

  it('takes Ollama-style object arguments and a server that says stop to a tool turn', () => {
    const response = fromOpenAiChatResponse(
      {
        choices: [
          {
            message: { content: null, tool_calls: [{ function: { name: 'f', arguments: { a: 1 } } }] },
            finish_reason: 'stop',
          },
        ],
      },
      call,
    );
    expect(response.toolCalls).toEqual([{ id: 'call_0', name: 'f', arguments: '{"a":1}' }]);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.usage).toBeNull();
    expect(response.model).toBe('gpt-test');
  });

  it('is a bad response without choices', () => {
    const error = (() => {
      try {
        fromOpenAiChatResponse({ object: 'error' }, call);
      } catch (caught) {
        return caught;
      }
    })();
    expect(ProviderFailure.isFailure(error) && error.failure.kind).toBe('bad-response');
  });
});

describe('OpenAI chat-completions stream', () => {
  it('assembles parallel tool calls from interleaved deltas and puts usage on the finish', async () => {
    const parts = await readAll([
      { id: 'c', model: 'gpt-x', choices: [{ delta: { role: 'assistant', content: '' } }] },
      {
        choices: [
          { delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'one', arguments: '' } }] } },
        ],
      },
      {
        choices: [
          { delta: { tool_calls: [{ index: 1, id: 'b', function: { name: 'two', arguments: '{"y"' } }] } },
        ],
      },
      { choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] } }] },
      { choices: [{ delta: { tool_calls: [{ index: 1, function: { arguments: ':2}' } }] } }] },
      { choices: [{ delta: {}, finish_reason: 'tool_calls' }] },
      {
        choices: [],
        usage: { prompt_tokens: 5, completion_tokens: 9, prompt_tokens_details: { cached_tokens: 0 } },
      },
      '[DONE]',
    ]);
    expect(parts).toEqual([
      { type: 'tool-call', call: { id: 'a', name: 'one', arguments: '{"x":1}' } },
      { type: 'tool-call', call: { id: 'b', name: 'two', arguments: '{"y":2}' } },
      {
        type: 'finish',
        finishReason: 'tool-calls',
        usage: { inputTokens: 5, outputTokens: 9, cachedInputTokens: 0 },
        model: 'gpt-x',
        responseId: 'c',
      },
    ]);
  });

  it('takes whole tool calls without an index, and a stop that ends a tool turn (some compatible servers)', async () => {
    const parts = await readAll([
      { choices: [{ delta: { tool_calls: [{ id: 'a', function: { name: 'one', arguments: '{}' } }] } }] },
      { choices: [{ delta: { tool_calls: [{ id: 'b', function: { name: 'two', arguments: '' } }] } }] },
      { choices: [{ delta: {}, finish_reason: 'stop' }] },
      '[DONE]',
    ]);
    expect(parts.filter((part) => part.type === 'tool-call')).toEqual([
      { type: 'tool-call', call: { id: 'a', name: 'one', arguments: '{}' } },
      { type: 'tool-call', call: { id: 'b', name: 'two', arguments: '{}' } },
    ]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls', usage: null });
  });

  it('an error event mid-stream is overloaded, after the text that came', async () => {
    const parts: ModelStreamPart[] = [];
    const error = await (async () => {
      async function* events() {
        yield { event: 'message', data: JSON.stringify({ choices: [{ delta: { content: 'Hel' } }] }) };
        yield { event: 'message', data: JSON.stringify({ error: { message: 'The server had an error' } }) };
      }
      for await (const part of readOpenAiChatStream(events(), call)) parts.push(part);
    })().catch((caught: unknown) => caught);
    expect(parts).toEqual([{ type: 'text-delta', text: 'Hel' }]);
    expect((error as ProviderFailure).failure.kind).toBe('overloaded');
    expect((error as Error).message).toContain('The server had an error');
  });
});
