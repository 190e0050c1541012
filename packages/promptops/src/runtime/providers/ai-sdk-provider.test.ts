import { describe, expect, it } from 'vitest';
import type {
  AiSdkCallOptions,
  AiSdkLanguageModel,
  AiSdkRequestOptions,
  AiSdkStreamPart,
} from './ai-sdk-language-model.ts';
import { createAiSdkProvider } from './ai-sdk-provider.ts';
import type { ModelStreamPart } from './provider.ts';
import { ProviderFailure } from './provider-failure.ts';

/** A v2-specification model (flat finish reason and usage) that records what it was called with. */
function v2Model(behaviour: { generate?: () => unknown; parts?: AiSdkStreamPart[] }) {
  const calls: AiSdkRequestOptions[] = [];
  const model: AiSdkLanguageModel = {
    specificationVersion: 'v2',
    provider: 'fake',
    modelId: 'fake-1',
    async doGenerate(options: AiSdkCallOptions) {
      calls.push(options as AiSdkRequestOptions);
      return behaviour.generate?.() as never;
    },
    async doStream(options: AiSdkCallOptions) {
      calls.push(options as AiSdkRequestOptions);
      const parts = [...(behaviour.parts ?? [])];
      return {
        stream: new ReadableStream<AiSdkStreamPart>({
          pull: (controller) => {
            const next = parts.shift();
            if (next) controller.enqueue(next);
            else controller.close();
          },
        }),
      };
    },
  };
  return { model, calls, provider: createAiSdkProvider({ name: 'fake', model: () => model }) };
}

async function collect(stream: AsyncIterable<ModelStreamPart>) {
  const parts: ModelStreamPart[] = [];
  const error = await (async () => {
    for await (const part of stream) parts.push(part);
  })().catch((caught: unknown) => caught as ProviderFailure);
  return { parts, error };
}

describe('ai-sdk adapter', () => {
  it('maps the request to call options: prompt parts, tool names on results, settings', async () => {
    const { provider, calls } = v2Model({
      generate: () => ({
        content: [{ type: 'text', text: 'ok' }],
        finishReason: 'stop',
        usage: { inputTokens: 1, outputTokens: 1 },
      }),
    });
    const signal = new AbortController().signal;
    await provider.generate({
      model: 'fake-1',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'c1', name: 'weather', arguments: '{"city":"Oslo"}' }],
        },
        { role: 'tool', toolCallId: 'c1', content: 'cold' },
      ],
      parameters: { maxTokens: 10, temperature: 0, stop: ['X'], seed: 3 },
      responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' } },
      tools: [{ name: 'weather', description: 'Weather', parameters: { type: 'object' } }],
      signal,
    });
    expect(calls[0]).toEqual({
      prompt: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: { city: 'Oslo' } }],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'c1',
              toolName: 'weather',
              output: { type: 'text', value: 'cold' },
            },
          ],
        },
      ],
      maxOutputTokens: 10,
      temperature: 0,
      stopSequences: ['X'],
      seed: 3,
      responseFormat: { type: 'json', schema: { type: 'object' }, name: 'answer' },
      tools: [{ type: 'function', name: 'weather', description: 'Weather', inputSchema: { type: 'object' } }],
      abortSignal: signal,
    });
  });

  it('reads v2 results: string finish reason, flat usage with cached tokens; skips provider-run tools', async () => {
    const { provider } = v2Model({
      generate: () => ({
        content: [
          { type: 'reasoning', text: 'hmm' },
          { type: 'text', text: 'Done.' },
          { type: 'tool-call', toolCallId: 'w', toolName: 'web_search', input: '{}', providerExecuted: true },
          { type: 'tool-call', toolCallId: 'c', toolName: 'lookup', input: '{"id":1}' },
        ],
        finishReason: 'tool-calls',
        usage: { inputTokens: 40, outputTokens: 7, totalTokens: 47, cachedInputTokens: 32 },
        response: { id: 'resp_1', modelId: 'fake-1-2025' },
      }),
    });
    expect(await provider.generate({ model: 'fake-1', messages: [] })).toEqual({
      text: 'Done.',
      toolCalls: [{ id: 'c', name: 'lookup', arguments: '{"id":1}' }],
      finishReason: 'tool-calls',
      usage: { inputTokens: 40, outputTokens: 7, cachedInputTokens: 32 },
      model: 'fake-1-2025',
      responseId: 'resp_1',
    });
  });

  it('reports no usage when the model reports none, and unknown/error finishes as other', async () => {
    const { provider } = v2Model({
      generate: () => ({
        content: [],
        finishReason: 'unknown',
        usage: { inputTokens: undefined, outputTokens: undefined },
      }),
    });
    expect(await provider.generate({ model: 'fake-1', messages: [] })).toMatchObject({
      usage: null,
      finishReason: 'other',
    });
  });

  it('streams v2 parts and stops at the finish', async () => {
    const { provider } = v2Model({
      parts: [
        { type: 'stream-start' },
        { type: 'text-start', id: '0' },
        { type: 'text-delta', id: '0', delta: 'Hi' },
        { type: 'text-delta', id: '0', delta: ' there' },
        { type: 'finish', finishReason: 'length', usage: { inputTokens: 3, outputTokens: 2 } },
      ],
    });
    const { parts, error } = await collect(provider.stream({ model: 'fake-1', messages: [] }));
    expect(error).toBeUndefined();
    expect(parts).toEqual([
      { type: 'text-delta', text: 'Hi' },
      { type: 'text-delta', text: ' there' },
      { type: 'finish', finishReason: 'length', usage: { inputTokens: 3, outputTokens: 2 }, model: 'fake-1' },
    ]);
  });

  it('maps AI SDK errors by name and status, and an error part as the failure it carries', async () => {
    const loadKey = Object.assign(new Error('API key is missing'), { name: 'AI_LoadAPIKeyError' });
    const unsupported = Object.assign(new Error('no tools'), { name: 'AI_UnsupportedFunctionalityError' });
    const overloaded = Object.assign(new Error('Overloaded'), {
      name: 'AI_APICallError',
      statusCode: 529,
      responseHeaders: { 'retry-after': '3' },
    });
    const kinds: unknown[] = [];
    for (const thrown of [loadKey, unsupported, overloaded]) {
      const { provider } = v2Model({
        generate: () => {
          throw thrown;
        },
      });
      const error = await provider
        .generate({ model: 'fake-1', messages: [] })
        .catch((caught: unknown) => caught);
      expect(ProviderFailure.isFailure(error)).toBe(true);
      kinds.push((error as ProviderFailure).failure);
    }
    expect(kinds).toEqual([
      { provider: 'fake', kind: 'unauthorised' },
      { provider: 'fake', kind: 'rejected' },
      { provider: 'fake', kind: 'overloaded', status: 529, retryAfterMs: 3000 },
    ]);
    const { provider } = v2Model({
      parts: [
        { type: 'text-delta', delta: 'a' },
        { type: 'error', error: overloaded },
      ],
    });
    const { parts, error } = await collect(provider.stream({ model: 'fake-1', messages: [] }));
    expect(parts).toEqual([{ type: 'text-delta', text: 'a' }]);
    expect(error?.failure.kind).toBe('overloaded');
  });

  it('a model factory that throws fails the call, not the process', async () => {
    const provider = createAiSdkProvider({
      name: 'fake',
      model: () => {
        throw Object.assign(new Error('MISTRAL_API_KEY is missing'), { name: 'AI_LoadAPIKeyError' });
      },
    });
    const { error } = await collect(provider.stream({ model: 'x', messages: [] }));
    expect(error?.failure.kind).toBe('unauthorised');
  });
});
