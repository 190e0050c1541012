import { describe, expect, it, onTestFinished } from 'vitest';
import { type ScriptRule, startScriptedModelServer } from '../../testing/index.ts';
import { createAiSdkProvider } from './ai-sdk-provider.ts';
import { createAnthropicMessagesProvider } from './anthropic-messages-provider.ts';
import type { HttpProviderOptions } from './http-model-provider.ts';
import { createOpenAiChatProvider } from './openai-chat-provider.ts';
import type { ModelMessage, ModelProvider, ModelRequest, ModelStreamPart } from './provider.ts';
import { ProviderFailure } from './provider-failure.ts';
import { scriptedLanguageModel } from './scripted-language-model.ts';

/**
 * The provider contract (provider.ts), one suite run against every adapter, like hono's
 * common.case.test.ts for its routers. The HTTP adapters talk to the scripted model server over
 * real HTTP; the ai-sdk adapter to a fake AI SDK language model that answers from the same rules.
 */

const API_KEY = 'sk-contract-test-key-0123456789';

interface Script {
  rules: ScriptRule[];
  /** The key the model side requires; the provider sends API_KEY. */
  requireApiKey?: string;
}

interface Harness {
  name: string;
  provider(script: Script): Promise<ModelProvider>;
  /** A provider whose endpoint refuses connections. */
  unreachable(): Promise<ModelProvider>;
}

function httpHarness(
  name: string,
  create: (options: HttpProviderOptions) => ModelProvider,
  baseUrl: (server: { openaiBaseUrl: string; anthropicBaseUrl: string }) => string,
): Harness {
  return {
    name,
    async provider(script) {
      const server = await startScriptedModelServer({
        rules: script.rules,
        ...(script.requireApiKey ? { requireApiKey: script.requireApiKey } : {}),
      });
      const provider = create({ name: `scripted-${name}`, baseUrl: baseUrl(server), apiKey: API_KEY });
      onTestFinished(async () => {
        await provider.close?.();
        await server.close();
      });
      return provider;
    },
    async unreachable() {
      const server = await startScriptedModelServer();
      const url = baseUrl(server);
      await server.close();
      const provider = create({ name: `scripted-${name}`, baseUrl: url, apiKey: API_KEY });
      onTestFinished(() => provider.close?.());
      return provider;
    },
  };
}

const HARNESSES: Harness[] = [
  httpHarness('openai', createOpenAiChatProvider, (server) => server.openaiBaseUrl),
  httpHarness('anthropic', createAnthropicMessagesProvider, (server) => server.anthropicBaseUrl),
  {
    name: 'ai-sdk',
    async provider(script) {
      const model = (modelId: string) => scriptedLanguageModel(modelId, { ...script, apiKey: API_KEY });
      return createAiSdkProvider({ name: 'scripted-ai-sdk', model });
    },
    async unreachable() {
      const model = (modelId: string) => scriptedLanguageModel(modelId, { rules: [], unreachable: true });
      return createAiSdkProvider({ name: 'scripted-ai-sdk', model });
    },
  },
];

const MODEL = 'contract-model-1';
const ask = (content: string, extra: Partial<ModelRequest> = {}): ModelRequest => ({
  model: MODEL,
  messages: [{ role: 'user', content }],
  ...extra,
});

async function collect(stream: AsyncIterable<ModelStreamPart>): Promise<ModelStreamPart[]> {
  const parts: ModelStreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

/** Runs `work`, expects a ProviderFailure, returns it (and the stream parts received before it). */
async function failureOf(work: (parts: ModelStreamPart[]) => Promise<unknown>) {
  const parts: ModelStreamPart[] = [];
  const error = await work(parts).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(ProviderFailure.isFailure(error), `expected a ProviderFailure, got ${String(error)}`).toBe(true);
  return { failure: error as ProviderFailure, parts };
}

const generateFailure = (provider: ModelProvider, request: ModelRequest) =>
  failureOf(() => provider.generate(request));
const streamFailure = (provider: ModelProvider, request: ModelRequest) =>
  failureOf(async (parts) => {
    for await (const part of provider.stream(request)) parts.push(part);
  });

const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

const WEATHER_RULES: ScriptRule[] = [
  {
    match: { when: (request) => request.messages.at(-1)?.role === 'tool' },
    reply: (request) => `It is ${request.messages.at(-1)?.content} in Paris.`,
  },
  {
    match: { when: (request) => request.tools.includes('get_weather') },
    reply: { toolCalls: [{ id: 'call_weather_1', name: 'get_weather', arguments: { city: 'Paris' } }] },
  },
];

for (const harness of HARNESSES) {
  describe(`[${harness.name}] provider contract`, () => {
    it('generates text, with finish reason, usage, model and response id', async () => {
      const provider = await harness.provider({
        rules: [{ reply: { text: 'Hello there, friend.', usage: { inputTokens: 12, outputTokens: 5 } } }],
      });
      const response = await provider.generate(ask('Hi'));
      expect(response).toMatchObject({
        text: 'Hello there, friend.',
        toolCalls: [],
        finishReason: 'stop',
        usage: { inputTokens: 12, outputTokens: 5 },
        model: MODEL,
      });
      expect(response.responseId).toEqual(expect.any(String));
      expect(provider.name).toBe(`scripted-${harness.name}`);
    });

    it('sends the system prompt and the conversation so the model sees them', async () => {
      const provider = await harness.provider({
        rules: [
          {
            match: { system: 'You are terse.', lastUserMessage: 'And now?' },
            reply: (request) => `turns=${request.messages.length}`,
          },
        ],
      });
      const messages: ModelMessage[] = [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'First' },
        { role: 'assistant', content: 'Noted.' },
        { role: 'user', content: 'And now?' },
      ];
      const response = await provider.generate({ model: MODEL, messages, parameters: { temperature: 0 } });
      expect(response.text).toBe('turns=3');
    });

    it('generates JSON when asked for a schema', async () => {
      const provider = await harness.provider({
        rules: [{ reply: { json: { intent: 'refund', confidence: 0.9 } } }],
      });
      const schema = { type: 'object', properties: { intent: { type: 'string' } }, required: ['intent'] };
      const response = await provider.generate(
        ask('I want my money back', { responseFormat: { type: 'json_schema', name: 'intent', schema } }),
      );
      expect(JSON.parse(response.text)).toEqual({ intent: 'refund', confidence: 0.9 });
    });

    it('round-trips a tool call: the call, then the answer that uses its result', async () => {
      const provider = await harness.provider({ rules: WEATHER_RULES });
      const first = await provider.generate(ask('Weather in Paris?', { tools: [WEATHER_TOOL] }));
      expect(first.finishReason).toBe('tool-calls');
      expect(first.toolCalls).toHaveLength(1);
      expect(first.toolCalls[0]).toMatchObject({ id: 'call_weather_1', name: 'get_weather' });
      expect(JSON.parse(first.toolCalls[0]!.arguments)).toEqual({ city: 'Paris' });

      const messages: ModelMessage[] = [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: first.text, toolCalls: first.toolCalls },
        { role: 'tool', toolCallId: 'call_weather_1', content: '18°C and sunny' },
      ];
      const second = await provider.generate({ model: MODEL, messages, tools: [WEATHER_TOOL] });
      expect(second.text).toBe('It is 18°C and sunny in Paris.');
      expect(second.finishReason).toBe('stop');
    });

    it('streams text in order and ends with exactly one finish carrying usage', async () => {
      const text = 'One two three four five.';
      const provider = await harness.provider({
        rules: [{ reply: { text, usage: { inputTokens: 9, outputTokens: 6 } } }],
      });
      const parts = await collect(provider.stream(ask('Count')));
      const deltas = parts.filter((part) => part.type === 'text-delta');
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.map((part) => part.text).join('')).toBe(text);
      expect(parts.filter((part) => part.type === 'finish')).toHaveLength(1);
      expect(parts.at(-1)).toMatchObject({
        type: 'finish',
        finishReason: 'stop',
        usage: { inputTokens: 9, outputTokens: 6 },
        model: MODEL,
      });
    });

    it('streams a tool call whole, assembled from its deltas', async () => {
      const provider = await harness.provider({ rules: WEATHER_RULES });
      const parts = await collect(provider.stream(ask('Weather in Paris?', { tools: [WEATHER_TOOL] })));
      const calls = parts.flatMap((part) => (part.type === 'tool-call' ? [part.call] : []));
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ id: 'call_weather_1', name: 'get_weather' });
      expect(JSON.parse(calls[0]!.arguments)).toEqual({ city: 'Paris' });
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
    });

    it('maps the length finish reason', async () => {
      const provider = await harness.provider({ rules: [{ reply: { text: 'Cut sho', finish: 'length' } }] });
      expect((await provider.generate(ask('Long story'))).finishReason).toBe('length');
    });

    describe('failures', () => {
      it('429 is rate-limited, with Retry-After in milliseconds', async () => {
        const provider = await harness.provider({
          rules: [{ reply: 'x', faults: { status: 429, retryAfterSeconds: 7 } }],
        });
        const { failure } = await generateFailure(provider, ask('Hi'));
        expect(failure.failure).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 7000 });
        expect(failure.retryable).toBe(true);
        expect(failure.message).toContain(`scripted-${harness.name}`);
        expect(failure.message).toContain(MODEL);
      });

      it.each([500, 503, 529])('%i is overloaded', async (status) => {
        const provider = await harness.provider({ rules: [{ reply: 'x', faults: { status } }] });
        const { failure } = await streamFailure(provider, ask('Hi'));
        expect(failure.failure).toMatchObject({ kind: 'overloaded', status });
        expect(failure.retryable).toBe(true);
      });

      it('a wrong key is unauthorised, and the message never shows the key', async () => {
        const provider = await harness.provider({
          rules: [{ reply: 'x' }],
          requireApiKey: 'sk-the-right-one',
        });
        const { failure } = await generateFailure(provider, ask('Hi'));
        expect(failure.failure).toMatchObject({ kind: 'unauthorised', status: 401 });
        expect(failure.retryable).toBe(false);
        expect(JSON.stringify({ message: failure.message, details: failure.details })).not.toContain(API_KEY);
      });

      it('another 4xx is rejected, with the provider message', async () => {
        const provider = await harness.provider({ rules: [{ reply: 'x', faults: { status: 400 } }] });
        const { failure } = await generateFailure(provider, ask('Hi'));
        expect(failure.failure).toMatchObject({ kind: 'rejected', status: 400 });
        expect(failure.message).toContain('scripted fault');
        expect(failure.retryable).toBe(false);
      });

      it('an aborted call (total timeout) is a timeout, streaming or not', async () => {
        const provider = await harness.provider({ rules: [{ reply: 'x', faults: { hang: true } }] });
        const generate = await generateFailure(provider, ask('Hi', { signal: AbortSignal.timeout(100) }));
        expect(generate.failure.failure.kind).toBe('timeout');
        expect(generate.failure.code).toBe('provider_timeout');
        const stream = await streamFailure(provider, ask('Hi', { signal: AbortSignal.timeout(100) }));
        expect(stream.failure.failure.kind).toBe('timeout');
      });

      it('a refused connection is a connection failure', async () => {
        const provider = await harness.unreachable();
        const { failure } = await generateFailure(provider, ask('Hi'));
        expect(failure.failure.kind).toBe('connection');
        expect(failure.retryable).toBe(true);
      });

      it('malformed JSON is a bad response, streaming or not', async () => {
        const provider = await harness.provider({
          rules: [{ reply: 'Fine words here.', faults: { malformedJson: true } }],
        });
        expect((await generateFailure(provider, ask('Hi'))).failure.failure.kind).toBe('bad-response');
        expect((await streamFailure(provider, ask('Hi'))).failure.failure.kind).toBe('bad-response');
      });

      it('a stream cut mid-answer yields what came, then throws stream-cut without a finish', async () => {
        const text = 'one two three four five six seven eight';
        const provider = await harness.provider({
          rules: [{ reply: text, faults: { cutStream: { afterChunks: 3 } } }],
        });
        const { failure, parts } = await streamFailure(provider, ask('Count'));
        expect(failure.failure.kind).toBe('stream-cut');
        expect(parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('')).toBe(
          'one two three',
        );
        expect(parts.some((part) => part.type === 'finish')).toBe(false);
      });
    });
  });
}
