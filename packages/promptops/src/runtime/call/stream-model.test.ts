import { describe, expect, it } from 'vitest';
import type { ModelProvider, ModelRequest, ModelStreamPart } from '../providers/provider.ts';
import { type FailureKind, ProviderFailure } from '../providers/provider-failure.ts';
import type { Attempt, ModelTarget } from './call-model.ts';
import { createCircuitBreakers } from './circuit-breaker.ts';
import { type StreamPolicy, streamModel } from './stream-model.ts';

type StreamScript = (request: ModelRequest) => AsyncGenerator<ModelStreamPart>;

/** A provider whose `stream` runs one script per call (the last one repeats). */
function fakeProvider(name: string, ...scripts: StreamScript[]) {
  const requests: ModelRequest[] = [];
  const provider: ModelProvider = {
    name,
    protocol: 'openai',
    generate() {
      throw new Error('not used');
    },
    stream(request) {
      requests.push(request);
      return scripts[Math.min(requests.length - 1, scripts.length - 1)]!(request);
    },
  };
  return { provider, requests };
}

function target(provider: ModelProvider, model: string): ModelTarget {
  return { id: `${provider.name}/${model}`, provider, model };
}

function answer(...deltas: string[]): StreamScript {
  return async function* (request) {
    for (const text of deltas) yield { type: 'text-delta', text };
    yield {
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 5, outputTokens: 2 },
      model: request.model,
    };
  };
}

function failBeforeFirstPart(kind: FailureKind): StreamScript {
  // biome-ignore lint/correctness/useYield: a stream that fails before sending anything
  return async function* () {
    throw new ProviderFailure(`${kind} before anything`, { provider: 'fake', kind });
  };
}

/** Never sends anything and ignores the abort signal: only the first-token timer can end it. */
const silent: StreamScript = async function* () {
  await new Promise<never>(() => {});
};

function context(
  overrides: { breakers?: ReturnType<typeof createCircuitBreakers>; signal?: AbortSignal } = {},
) {
  const attempts: Attempt[] = [];
  const firstParts: string[] = [];
  const delays: number[] = [];
  return {
    attempts,
    firstParts,
    delays,
    dependencies: {
      breakers: overrides.breakers ?? createCircuitBreakers(),
      signal: overrides.signal,
      attempts,
      onFirstPart: (answering: ModelTarget) => firstParts.push(answering.id),
      sleep: async (milliseconds: number) => {
        delays.push(milliseconds);
      },
    },
  };
}

async function collect(stream: AsyncGenerator<ModelStreamPart>) {
  const parts: ModelStreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
    return { parts, error: undefined };
  } catch (error) {
    return { parts, error };
  }
}

const request = { messages: [{ role: 'user' as const, content: 'Hello' }] };
const policy: StreamPolicy = { retries: 1, timeoutMs: 5_000, backoff: { random: () => 0 } };

describe('streamModel', () => {
  it('streams every part of the answer and records one ok attempt', async () => {
    const primary = fakeProvider('openai', answer('Hel', 'lo'));
    const { attempts, firstParts, dependencies } = context();
    const { parts, error } = await collect(
      streamModel([target(primary.provider, 'gpt-4o')], request, policy, dependencies),
    );
    expect(error).toBeUndefined();
    expect(parts.map((part) => part.type)).toEqual(['text-delta', 'text-delta', 'finish']);
    expect(firstParts).toEqual(['openai/gpt-4o']);
    expect(attempts).toMatchObject([{ model: 'openai/gpt-4o', attempt: 0, outcome: 'ok' }]);
    expect(primary.requests[0]?.model).toBe('gpt-4o');
  });

  it('retries and then falls back to the next model when a stream fails before its first part', async () => {
    const primary = fakeProvider('openai', failBeforeFirstPart('overloaded'));
    const fallback = fakeProvider('anthropic', answer('from ', 'the fallback'));
    const { attempts, firstParts, delays, dependencies } = context();
    const { parts, error } = await collect(
      streamModel(
        [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')],
        request,
        policy,
        dependencies,
      ),
    );
    expect(error).toBeUndefined();
    expect(primary.requests).toHaveLength(2);
    expect(delays).toHaveLength(1);
    expect(parts.filter((part) => part.type === 'text-delta').map((part) => part.text)).toEqual([
      'from ',
      'the fallback',
    ]);
    // Only the model that answered is announced: the caller never saw the failed one.
    expect(firstParts).toEqual(['anthropic/claude-haiku-4-5']);
    expect(attempts.map(({ model, outcome, kind }) => ({ model, outcome, kind }))).toEqual([
      { model: 'openai/gpt-4o', outcome: 'failed', kind: 'overloaded' },
      { model: 'openai/gpt-4o', outcome: 'failed', kind: 'overloaded' },
      { model: 'anthropic/claude-haiku-4-5', outcome: 'ok', kind: undefined },
    ]);
  });

  it('falls back at once after a non-retryable failure before the first part', async () => {
    const primary = fakeProvider('openai', failBeforeFirstPart('rejected'));
    const fallback = fakeProvider('anthropic', answer('accepted'));
    const { delays, dependencies } = context();
    const { error } = await collect(
      streamModel(
        [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')],
        request,
        policy,
        dependencies,
      ),
    );
    expect(error).toBeUndefined();
    expect(primary.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('gives up on a model that sends nothing within the first-token timeout', async () => {
    const primary = fakeProvider('openai', silent);
    const fallback = fakeProvider('anthropic', answer('quick'));
    const { attempts, dependencies } = context();
    const started = performance.now();
    const { parts, error } = await collect(
      streamModel(
        [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')],
        request,
        { retries: 0, timeoutMs: 5_000, firstTokenTimeoutMs: 30 },
        dependencies,
      ),
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toBeUndefined();
    expect(parts[0]).toEqual({ type: 'text-delta', text: 'quick' });
    expect(attempts[0]).toMatchObject({ model: 'openai/gpt-4o', outcome: 'failed', kind: 'timeout' });
    expect(attempts[0]?.message).toContain('30 ms');
  });

  it('throws a failure after the first part to the caller: no retry, no fallback, and records it', async () => {
    const breakers = createCircuitBreakers({ minimumCalls: 1 });
    const primary = fakeProvider('openai', async function* () {
      yield { type: 'text-delta', text: 'The refund is' };
      throw new ProviderFailure('stream cut', { provider: 'openai', kind: 'stream-cut' });
    });
    const fallback = fakeProvider('anthropic', answer('unused'));
    const { attempts, firstParts, delays, dependencies } = context({ breakers });
    const { parts, error } = await collect(
      streamModel(
        [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')],
        request,
        { ...policy, retries: 3 },
        dependencies,
      ),
    );
    expect(parts).toEqual([{ type: 'text-delta', text: 'The refund is' }]);
    expect(ProviderFailure.isFailure(error)).toBe(true);
    expect((error as ProviderFailure).failure.kind).toBe('stream-cut');
    expect(primary.requests).toHaveLength(1);
    expect(fallback.requests).toHaveLength(0);
    expect(delays).toEqual([]);
    expect(firstParts).toEqual(['openai/gpt-4o']);
    expect(attempts).toMatchObject([{ model: 'openai/gpt-4o', outcome: 'failed', kind: 'stream-cut' }]);
    expect(breakers.state('openai')).toBe('open');
  });

  it('skips a provider whose circuit is open and throws the last failure when nothing answers', async () => {
    const breakers = createCircuitBreakers({ minimumCalls: 1 });
    breakers.record('openai', false);
    const primary = fakeProvider('openai', answer('unused'));
    const fallback = fakeProvider('anthropic', failBeforeFirstPart('unauthorised'));
    const { attempts, dependencies } = context({ breakers });
    const { parts, error } = await collect(
      streamModel(
        [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')],
        request,
        policy,
        dependencies,
      ),
    );
    expect(parts).toEqual([]);
    expect(primary.requests).toHaveLength(0);
    expect((error as ProviderFailure).failure.kind).toBe('unauthorised');
    expect(attempts.map(({ outcome, kind }) => `${outcome}:${kind}`)).toEqual([
      'skipped:circuit-open',
      'failed:unauthorised',
    ]);
  });

  it('stops at the caller’s cancellation before the first part: no fallback, no provider blamed', async () => {
    const controller = new AbortController();
    const breakers = createCircuitBreakers({ minimumCalls: 1 });
    const primary = fakeProvider('openai', async function* (call) {
      queueMicrotask(() => controller.abort());
      await new Promise((_, reject) =>
        call.signal?.addEventListener('abort', () => reject(call.signal?.reason), { once: true }),
      );
    });
    const fallback = fakeProvider('anthropic', answer('nobody is listening'));
    const { dependencies } = context({ breakers, signal: controller.signal });
    const { parts, error } = await collect(
      streamModel(
        [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')],
        request,
        policy,
        dependencies,
      ),
    );
    expect(fallback.requests).toHaveLength(0);
    expect(parts).toEqual([]);
    expect(error).toBeDefined();
    expect(breakers.state('openai')).toBe('closed');
  });

  it('says cancelled, not timed out, when the caller leaves mid-answer', async () => {
    const controller = new AbortController();
    const breakers = createCircuitBreakers({ minimumCalls: 1 });
    const primary = fakeProvider('openai', async function* (call) {
      yield { type: 'text-delta', text: 'Hello' };
      queueMicrotask(() => controller.abort());
      await new Promise((_, reject) =>
        call.signal?.addEventListener(
          'abort',
          () => reject(new ProviderFailure('aborted', { provider: 'openai', kind: 'timeout' })),
          { once: true },
        ),
      );
    });
    const { dependencies } = context({ breakers, signal: controller.signal });
    const { parts, error } = await collect(
      streamModel([target(primary.provider, 'gpt-4o')], request, policy, dependencies),
    );
    expect(parts).toEqual([{ type: 'text-delta', text: 'Hello' }]);
    expect(error).toMatchObject({ code: 'provider_error', details: { cancelled: true } });
    expect(breakers.state('openai')).toBe('closed');
  });
});
