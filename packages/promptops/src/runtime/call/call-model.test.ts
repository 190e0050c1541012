import { describe, expect, it } from 'vitest';
import type { ModelProvider, ModelRequest, ModelResponse } from '../providers/provider.ts';
import { type FailureKind, ProviderFailure } from '../providers/provider-failure.ts';
import { type CallPolicy, callModel, type ModelTarget } from './call-model.ts';
import { createCircuitBreakers } from './circuit-breaker.ts';

type Behaviour = (request: ModelRequest) => Promise<ModelResponse>;

/** A provider answering from a script, one behaviour per call (the last one repeats). */
function fakeProvider(name: string, ...script: Behaviour[]) {
  const requests: ModelRequest[] = [];
  const provider: ModelProvider = {
    name,
    protocol: 'openai',
    generate(request) {
      requests.push(request);
      const behaviour = script[Math.min(requests.length - 1, script.length - 1)]!;
      return behaviour(request);
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

const answer =
  (text: string): Behaviour =>
  async (request) => ({
    text,
    toolCalls: [],
    finishReason: 'stop',
    usage: { inputTokens: 10, outputTokens: 2 },
    model: request.model,
  });

const fail =
  (kind: FailureKind, extra: { status?: number; retryAfterMs?: number } = {}): Behaviour =>
  async () => {
    throw new ProviderFailure(`${kind} failure`, { provider: 'fake', kind, ...extra });
  };

/** Resolves when the call's signal aborts, rejecting with its reason, as adapters do. */
const hangUntilAborted: Behaviour = (request) =>
  new Promise((_, reject) => {
    request.signal?.addEventListener('abort', () => reject(request.signal?.reason), { once: true });
  });

function recordingSleep() {
  const delays: number[] = [];
  const sleep = async (milliseconds: number) => {
    delays.push(milliseconds);
  };
  return { delays, sleep };
}

const request = { messages: [{ role: 'user' as const, content: 'Hello' }] };
const policy: CallPolicy = { retries: 2, timeoutMs: 5_000, backoff: { random: () => 1 } };

describe('callModel', () => {
  it('answers from the first model, sending its own model name and the messages', async () => {
    const primary = fakeProvider('openai', answer('Hi'));
    const outcome = await callModel([target(primary.provider, 'gpt-4o-mini')], request, policy, {
      breakers: createCircuitBreakers(),
    });
    expect(outcome).toMatchObject({
      ok: true,
      response: { text: 'Hi' },
      target: { id: 'openai/gpt-4o-mini' },
      attempts: [{ model: 'openai/gpt-4o-mini', attempt: 0, outcome: 'ok' }],
    });
    expect(primary.requests[0]).toMatchObject({ model: 'gpt-4o-mini', messages: request.messages });
  });

  it('retries a retryable failure up to `retries` times with backoff, then falls back', async () => {
    const primary = fakeProvider('openai', fail('overloaded', { status: 503 }));
    const fallback = fakeProvider('anthropic', answer('from the fallback'));
    const { delays, sleep } = recordingSleep();
    const outcome = await callModel(
      [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')],
      request,
      policy,
      { breakers: createCircuitBreakers(), sleep },
    );
    expect(primary.requests).toHaveLength(3);
    expect(fallback.requests).toHaveLength(1);
    expect(delays).toEqual([250, 500]);
    expect(outcome.ok).toBe(true);
    expect(outcome.ok && outcome.target.id).toBe('anthropic/claude-haiku-4-5');
    expect(
      outcome.attempts.map(({ model, attempt, outcome, kind, status }) => ({
        model,
        attempt,
        outcome,
        kind,
        status,
      })),
    ).toEqual([
      { model: 'openai/gpt-4o', attempt: 0, outcome: 'failed', kind: 'overloaded', status: 503 },
      { model: 'openai/gpt-4o', attempt: 1, outcome: 'failed', kind: 'overloaded', status: 503 },
      { model: 'openai/gpt-4o', attempt: 2, outcome: 'failed', kind: 'overloaded', status: 503 },
      { model: 'anthropic/claude-haiku-4-5', attempt: 0, outcome: 'ok', kind: undefined, status: undefined },
    ]);
  });

  it('stops retrying as soon as an attempt succeeds', async () => {
    const primary = fakeProvider(
      'openai',
      fail('rate-limited', { status: 429 }),
      answer('second time lucky'),
    );
    const fallback = fakeProvider('anthropic', answer('unused'));
    const outcome = await callModel(
      [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')],
      request,
      policy,
      { breakers: createCircuitBreakers(), sleep: recordingSleep().sleep },
    );
    expect(outcome).toMatchObject({ ok: true, response: { text: 'second time lucky' } });
    expect(outcome.attempts.map((attempt) => attempt.outcome)).toEqual(['failed', 'ok']);
    expect(fallback.requests).toHaveLength(0);
  });

  it.each([
    ['rejected', 400],
    ['unauthorised', 401],
  ] as const)(
    'moves on to the next model at once after a %s failure (no retry, no wait)',
    async (kind, status) => {
      const primary = fakeProvider('openai', fail(kind, { status }));
      const fallback = fakeProvider('anthropic', answer('accepted'));
      const { delays, sleep } = recordingSleep();
      const outcome = await callModel(
        [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')],
        request,
        policy,
        { breakers: createCircuitBreakers(), sleep },
      );
      expect(primary.requests).toHaveLength(1);
      expect(delays).toEqual([]);
      expect(outcome).toMatchObject({ ok: true, response: { text: 'accepted' } });
      expect(outcome.attempts[0]).toMatchObject({ outcome: 'failed', kind, status });
    },
  );

  it('returns the last failure and every attempt when no model answers', async () => {
    const primary = fakeProvider('openai', fail('overloaded'));
    const fallback = fakeProvider('anthropic', fail('unauthorised', { status: 401 }));
    const outcome = await callModel(
      [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')],
      request,
      { ...policy, retries: 1 },
      { breakers: createCircuitBreakers(), sleep: recordingSleep().sleep },
    );
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatchObject({
      code: 'provider_error',
      message: 'unauthorised failure',
    });
    expect(outcome.attempts.map((attempt) => `${attempt.model}#${attempt.attempt}:${attempt.kind}`)).toEqual([
      'openai/gpt-4o#0:overloaded',
      'openai/gpt-4o#1:overloaded',
      'anthropic/claude-haiku-4-5#0:unauthorised',
    ]);
  });

  it('skips a provider whose circuit is open, showing it as a skipped attempt', async () => {
    const breakers = createCircuitBreakers({ minimumCalls: 1 });
    breakers.record('openai', false);
    const primary = fakeProvider('openai', answer('unused'));
    const fallback = fakeProvider('anthropic', answer('from the fallback'));
    const outcome = await callModel(
      [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')],
      request,
      policy,
      { breakers },
    );
    expect(primary.requests).toHaveLength(0);
    expect(outcome).toMatchObject({ ok: true, response: { text: 'from the fallback' } });
    expect(outcome.attempts[0]).toEqual({
      model: 'openai/gpt-4o',
      attempt: 0,
      outcome: 'skipped',
      kind: 'circuit-open',
      durationMs: 0,
    });
  });

  it('fails, naming the skipped models, when every circuit is open', async () => {
    const breakers = createCircuitBreakers({ minimumCalls: 1 });
    breakers.record('openai', false);
    const primary = fakeProvider('openai', answer('unused'));
    const outcome = await callModel([target(primary.provider, 'gpt-4o')], request, policy, { breakers });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.code).toBe('provider_error');
    expect(!outcome.ok && outcome.error.message).toContain('openai/gpt-4o: circuit-open');
  });

  it('opens the circuit of a provider that keeps failing, so later calls skip it', async () => {
    const breakers = createCircuitBreakers({ minimumCalls: 3, failureRate: 0.5 });
    const primary = fakeProvider('openai', fail('overloaded'));
    const fallback = fakeProvider('anthropic', answer('ok'));
    const targets = [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')];
    const sleep = recordingSleep().sleep;
    await callModel(targets, request, policy, { breakers, sleep });
    expect(primary.requests).toHaveLength(3);
    const second = await callModel(targets, request, policy, { breakers, sleep });
    expect(primary.requests).toHaveLength(3);
    expect(second.attempts[0]).toMatchObject({ outcome: 'skipped', kind: 'circuit-open' });
  });

  it('stops with a cancelled error and no further attempts when the caller aborts mid-call', async () => {
    const controller = new AbortController();
    const primary = fakeProvider('openai', (call) => {
      queueMicrotask(() => controller.abort());
      return hangUntilAborted(call);
    });
    const fallback = fakeProvider('anthropic', answer('unused'));
    const breakers = createCircuitBreakers({ minimumCalls: 1 });
    const { delays, sleep } = recordingSleep();
    const outcome = await callModel(
      [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')],
      request,
      policy,
      { breakers, sleep, signal: controller.signal },
    );
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatchObject({
      code: 'provider_error',
      details: { cancelled: true },
    });
    expect(primary.requests).toHaveLength(1);
    expect(fallback.requests).toHaveLength(0);
    expect(delays).toEqual([]);
    // The caller's cancellation is not the provider's fault.
    expect(breakers.state('openai')).toBe('closed');
  });

  it('calls nothing when the caller has already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const primary = fakeProvider('openai', answer('unused'));
    const outcome = await callModel([target(primary.provider, 'gpt-4o')], request, policy, {
      breakers: createCircuitBreakers(),
      signal: controller.signal,
    });
    expect(outcome).toMatchObject({ ok: false, error: { details: { cancelled: true } }, attempts: [] });
    expect(primary.requests).toHaveLength(0);
  });

  it('stops retrying when the caller cancels during the backoff wait', async () => {
    const controller = new AbortController();
    const primary = fakeProvider('openai', fail('overloaded'));
    const outcome = await callModel([target(primary.provider, 'gpt-4o')], request, policy, {
      breakers: createCircuitBreakers(),
      signal: controller.signal,
      sleep: async () => controller.abort(),
    });
    expect(primary.requests).toHaveLength(1);
    expect(outcome).toMatchObject({ ok: false, error: { details: { cancelled: true } } });
  });

  it('waits at least the Retry-After the provider asked for', async () => {
    const primary = fakeProvider(
      'openai',
      fail('rate-limited', { status: 429, retryAfterMs: 3_000 }),
      answer('after waiting'),
    );
    const { delays, sleep } = recordingSleep();
    const outcome = await callModel(
      [target(primary.provider, 'gpt-4o')],
      request,
      { ...policy, backoff: { random: () => 0 } },
      { breakers: createCircuitBreakers(), sleep },
    );
    expect(outcome).toMatchObject({ ok: true, response: { text: 'after waiting' } });
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(3_000);
  });

  it('falls back at once instead of waiting out a Retry-After longer than maxRetryAfterMs', async () => {
    const primary = fakeProvider('openai', fail('rate-limited', { status: 429, retryAfterMs: 60_000 }));
    const fallback = fakeProvider('anthropic', answer('from the fallback'));
    const { delays, sleep } = recordingSleep();
    const outcome = await callModel(
      [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')],
      request,
      policy,
      { breakers: createCircuitBreakers(), sleep },
    );
    expect(primary.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(outcome).toMatchObject({ ok: true, response: { text: 'from the fallback' } });
  });

  it('classifies a provider that throws a plain Error as a (retryable) connection failure', async () => {
    const primary = fakeProvider('openai', async () => {
      throw new Error('socket hang up');
    });
    const outcome = await callModel(
      [target(primary.provider, 'gpt-4o')],
      request,
      { ...policy, retries: 1 },
      { breakers: createCircuitBreakers(), sleep: recordingSleep().sleep },
    );
    expect(primary.requests).toHaveLength(2);
    expect(outcome.attempts[0]).toMatchObject({ outcome: 'failed', kind: 'connection' });
    expect(outcome.attempts[0]?.message).toContain('socket hang up');
    expect(!outcome.ok && outcome.error).toMatchObject({
      code: 'provider_error',
      details: { kind: 'connection' },
    });
  });

  it('turns an attempt that outlasts timeoutMs into a timeout failure and falls back', async () => {
    const primary = fakeProvider('openai', hangUntilAborted);
    const fallback = fakeProvider('anthropic', answer('in time'));
    const outcome = await callModel(
      [target(primary.provider, 'gpt-4o'), target(fallback.provider, 'claude-haiku-4-5')],
      request,
      { retries: 0, timeoutMs: 50 },
      { breakers: createCircuitBreakers() },
    );
    expect(outcome).toMatchObject({ ok: true, response: { text: 'in time' } });
    expect(outcome.attempts[0]).toMatchObject({ model: 'openai/gpt-4o', outcome: 'failed', kind: 'timeout' });
    expect(outcome.attempts[0]?.message).toContain('50 ms');
  });

  it('times out a provider that never resolves and ignores the abort signal', async () => {
    const primary = fakeProvider('openai', () => new Promise<never>(() => {}));
    const call = callModel(
      [target(primary.provider, 'gpt-4o')],
      request,
      { retries: 0, timeoutMs: 50 },
      {
        breakers: createCircuitBreakers(),
      },
    );
    const outcome = await Promise.race([
      call,
      new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 300)),
    ]);
    expect(outcome).not.toBe('still waiting');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'provider_timeout' } });
  });

  it('releases a half-open probe that the caller cancelled, so the provider is tried again', async () => {
    let time = 0;
    const breakers = createCircuitBreakers({ minimumCalls: 1, cooldownMs: 1_000, now: () => time });
    breakers.record('openai', false);
    time = 1_000;
    const controller = new AbortController();
    const probing = fakeProvider('openai', (call) => {
      queueMicrotask(() => controller.abort());
      return hangUntilAborted(call);
    });
    const cancelled = await callModel([target(probing.provider, 'gpt-4o')], request, policy, {
      breakers,
      signal: controller.signal,
    });
    expect(cancelled).toMatchObject({ ok: false, error: { details: { cancelled: true } } });

    const healthy = fakeProvider('openai', answer('back again'));
    const next = await callModel([target(healthy.provider, 'gpt-4o')], request, policy, { breakers });
    expect(next).toMatchObject({ ok: true, response: { text: 'back again' } });
  });
});
