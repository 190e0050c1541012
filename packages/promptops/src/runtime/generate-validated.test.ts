import { describe, expect, it } from 'vitest';
import type { PromptContent } from '../catalog/content/prompt-content.ts';
import { ProjectConfig } from '../catalog/files/project-config.ts';
import { Policies } from '../governance/policies/policies-schema.ts';
import { countChatTokens } from '../templates/index.ts';
import type { CallPolicy, ModelTarget } from './call/call-model.ts';
import { createCircuitBreakers } from './call/circuit-breaker.ts';
import { generateValidated } from './generate-validated.ts';
import { createModelCatalog, priceUsage } from './models/index.ts';
import type { ModelMessage, ModelProvider, ModelRequest, ModelUsage } from './providers/provider.ts';
import { ProviderFailure } from './providers/provider-failure.ts';

const catalog = createModelCatalog({
  config: ProjectConfig.parse({
    project: { name: 'demo' },
    providers: {
      openai: { protocol: 'openai', api_key_env: 'OPENAI_API_KEY' },
      acme: { protocol: 'openai', base_url: 'http://localhost:8080/v1' },
    },
    prices: { 'openai/house-model': { input_per_mtok: 1, output_per_mtok: 2, currency: 'EUR' } },
  }),
  policies: Policies.parse({}),
});

interface Reply {
  text: string;
  usage?: ModelUsage | null;
  /** Refuse the call instead (HTTP 400), so the chain moves on to the next model. */
  reject?: boolean;
}

/** A provider answering each call with the next scripted reply (the last one repeats). */
function scriptedProvider(name: string, ...replies: Reply[]) {
  const requests: ModelRequest[] = [];
  const provider: ModelProvider = {
    name,
    protocol: 'openai',
    async generate(request) {
      requests.push(request);
      const reply = replies[Math.min(requests.length - 1, replies.length - 1)]!;
      if (reply.reject)
        throw new ProviderFailure('rejected', { provider: name, kind: 'rejected', status: 400 });
      return {
        text: reply.text,
        toolCalls: [],
        finishReason: 'stop',
        usage: reply.usage === undefined ? { inputTokens: 100, outputTokens: 20 } : reply.usage,
        model: request.model,
      };
    },
    stream() {
      throw new Error('not used');
    },
  };
  return { provider, requests };
}

function target(provider: ModelProvider, model: string): ModelTarget {
  return { id: `${provider.name}/${model}`, provider, model };
}

const messages: ModelMessage[] = [
  { role: 'system', content: 'Classify the support ticket.' },
  { role: 'user', content: 'My blender arrived broken.' },
];
const jsonOutput: NonNullable<PromptContent['output']> = {
  format: 'json',
  schema: {
    type: 'object',
    properties: { intent: { enum: ['refund', 'tracking'] } },
    required: ['intent'],
  },
};
const policy: CallPolicy = { retries: 0, timeoutMs: 5_000 };

function run(targets: ModelTarget[], output: PromptContent['output'] = jsonOutput) {
  return generateValidated({ messages, targets, parameters: { temperature: 0 }, output, policy }, catalog, {
    breakers: createCircuitBreakers(),
  });
}

describe('generateValidated', () => {
  it('asks again after an invalid answer, showing the model its answer and a format reminder', async () => {
    const model = scriptedProvider('openai', { text: 'It is a refund.' }, { text: '{"intent":"refund"}' });
    const outcome = await run([target(model.provider, 'gpt-4o-mini')]);
    expect(outcome).toMatchObject({ ok: true, check: { parsed: { intent: 'refund' } } });
    expect(model.requests).toHaveLength(2);
    expect(model.requests[0]?.messages).toEqual(messages);
    expect(model.requests[0]?.responseFormat).toEqual({ type: 'json' });
    const retry = model.requests[1]!.messages;
    expect(retry.slice(0, 2)).toEqual(messages);
    expect(retry[2]).toEqual({ role: 'assistant', content: 'It is a refund.' });
    expect(retry[3]?.role).toBe('user');
    expect(retry[3]?.content).toContain('not valid JSON');
    expect(retry[3]?.content).toContain('JSON object');
    expect(retry).toHaveLength(4);
    expect(outcome.validationRetries).toHaveLength(1);
    expect(outcome.validationRetries[0]).toContain('not valid JSON');
  });

  it('replaces the previous bad answer on each retry instead of piling them up', async () => {
    const model = scriptedProvider(
      'openai',
      { text: 'refund' },
      { text: '{"intent":"complaint"}' },
      { text: '{"intent":"tracking"}' },
    );
    const outcome = await run([target(model.provider, 'gpt-4o-mini')]);
    expect(outcome.ok).toBe(true);
    const third = model.requests[2]!.messages;
    expect(third).toHaveLength(4);
    expect(third[2]).toEqual({ role: 'assistant', content: '{"intent":"complaint"}' });
    expect(third[3]?.content).toContain('/intent');
  });

  it('fails with output_invalid after the retries are used up, keeping the last answer', async () => {
    const model = scriptedProvider('openai', { text: 'no JSON here' });
    const outcome = await run([target(model.provider, 'gpt-4o-mini')], { ...jsonOutput, retries: 1 });
    expect(model.requests).toHaveLength(2);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'output_invalid' }, lastText: 'no JSON here' });
    expect(outcome.validationRetries).toHaveLength(2);
  });

  it('does not retry a text prompt', async () => {
    const model = scriptedProvider('openai', { text: 'Anything goes.' });
    const outcome = await run([target(model.provider, 'gpt-4o-mini')], { format: 'text' });
    expect(outcome).toMatchObject({ ok: true, check: { status: 'ok' } });
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]?.responseFormat).toBeUndefined();
  });

  it('adds up usage and cost over every call made, since each was paid for', async () => {
    const model = scriptedProvider(
      'openai',
      { text: 'not json', usage: { inputTokens: 1_000, outputTokens: 50 } },
      { text: '{"intent":"refund"}', usage: { inputTokens: 1_200, outputTokens: 10 } },
    );
    const outcome = await run([target(model.provider, 'gpt-4o-mini')]);
    expect(outcome.usage).toEqual({ inputTokens: 2_200, outputTokens: 60, estimated: false });
    const price = catalog.lookup('openai/gpt-4o-mini').price!;
    const expected =
      priceUsage(price, { inputTokens: 1_000, outputTokens: 50 }) +
      priceUsage(price, { inputTokens: 1_200, outputTokens: 10 });
    expect(outcome.cost?.currency).toBe('USD');
    expect(outcome.cost?.amount).toBeCloseTo(expected, 12);
    // 2,200 × 0.15/1M + 60 × 0.60/1M
    expect(outcome.cost?.amount).toBeCloseTo(0.000366, 12);
    expect(outcome.model).toBe('openai/gpt-4o-mini');
  });

  it('prices a call in the currency the project set for the model', async () => {
    const model = scriptedProvider('openai', {
      text: '{"intent":"refund"}',
      usage: { inputTokens: 1_000_000, outputTokens: 500_000 },
    });
    const outcome = await run([target(model.provider, 'house-model')]);
    expect(outcome.cost).toEqual({ amount: 2, currency: 'EUR' });
  });

  it('reports the cost of a model with no known price as unknown (null), never 0, and warns', async () => {
    const model = scriptedProvider('acme', { text: '{"intent":"refund"}' });
    const outcome = await run([target(model.provider, 'in-house-7b')]);
    expect(outcome.ok).toBe(true);
    expect(outcome.cost).toBeNull();
    expect(outcome.usage).toEqual({ inputTokens: 100, outputTokens: 20, estimated: false });
    expect(outcome.warnings).toHaveLength(1);
    expect(outcome.warnings[0]).toContain('acme/in-house-7b');
  });

  it('keeps the cost unknown when one of the calls could not be priced, though others could', async () => {
    // The unpriced model answers badly, then refuses the retry, which the priced fallback answers.
    const unpriced = scriptedProvider('acme', { text: 'not json' }, { text: '', reject: true });
    const priced = scriptedProvider('openai', { text: '{"intent":"refund"}' });
    const outcome = await run([
      target(unpriced.provider, 'in-house-7b'),
      target(priced.provider, 'gpt-4o-mini'),
    ]);
    expect(outcome.ok).toBe(true);
    expect(outcome.model).toBe('openai/gpt-4o-mini');
    expect(outcome.usage).toEqual({ inputTokens: 200, outputTokens: 40, estimated: false });
    expect(outcome.cost).toBeNull();
    expect(outcome.warnings.join('\n')).toContain('acme/in-house-7b');
  });

  it('warns once about an unknown price, however many calls were made', async () => {
    const model = scriptedProvider('acme', { text: 'not json' }, { text: '{"intent":"refund"}' });
    const outcome = await run([target(model.provider, 'in-house-7b')]);
    expect(outcome.ok).toBe(true);
    expect(model.requests).toHaveLength(2);
    expect(outcome.warnings).toHaveLength(1);
  });

  it('estimates usage, marked as estimated, when the provider reports none, and prices the estimate', async () => {
    const model = scriptedProvider('openai', { text: '{"intent":"refund"}', usage: null });
    const outcome = await run([target(model.provider, 'gpt-4o-mini')]);
    expect(outcome.usage?.estimated).toBe(true);
    expect(outcome.usage?.inputTokens).toBe(countChatTokens(messages));
    expect(outcome.usage?.outputTokens).toBeGreaterThan(0);
    expect(outcome.cost?.amount).toBeGreaterThan(0);
  });

  it('marks the total as estimated when any call’s usage was estimated', async () => {
    const model = scriptedProvider(
      'openai',
      { text: 'not json', usage: { inputTokens: 100, outputTokens: 5 } },
      { text: '{"intent":"refund"}', usage: null },
    );
    const outcome = await run([target(model.provider, 'gpt-4o-mini')]);
    expect(outcome.usage?.estimated).toBe(true);
    expect(outcome.usage?.inputTokens).toBeGreaterThan(100);
  });

  it('passes on a call failure with the attempts, and no model or cost', async () => {
    const broken: ModelProvider = {
      name: 'openai',
      protocol: 'openai',
      generate: async () => {
        throw new Error('connection refused');
      },
      stream() {
        throw new Error('not used');
      },
    };
    const outcome = await run([target(broken, 'gpt-4o-mini')]);
    expect(outcome).toMatchObject({ ok: false, model: null, cost: null, usage: null });
    expect(outcome.attempts).toMatchObject([{ outcome: 'failed', kind: 'connection' }]);
  });
});
