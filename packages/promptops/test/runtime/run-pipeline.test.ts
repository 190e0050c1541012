import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listRunRecords, saveDeployment } from '../../src/store/index.ts';
import { type RuntimeFixture, startRuntimeFixture } from './runtime-fixture.ts';

const CLASSIFIER = 'support/classify-intent';
const message = { customer_message: 'I was charged twice for order 1234' };
const classified = (confidence: number) => ({
  json: { intent: 'billing', confidence, entities: { order_number: '1234' } },
});

describe('runtime.run against the scripted model server over HTTP', () => {
  let fixture: RuntimeFixture;
  beforeAll(async () => {
    fixture = await startRuntimeFixture();
  });
  afterAll(() => fixture.close());
  beforeEach(() => fixture.server.reset());

  it('runs a governed prompt: resolved version, parsed JSON, provider usage, cost and a run record', async () => {
    fixture.server.setRules([
      {
        match: { model: 'gpt-4o-mini' },
        reply: { ...classified(0.95), usage: { inputTokens: 500, outputTokens: 20 } },
      },
    ]);
    const result = await fixture.runtime.run(CLASSIFIER, message);
    expect(result).toMatchObject({
      status: 'ok',
      decision: 'auto',
      confidence: 0.95,
      version: 1,
      arm: 'latest',
      model: 'openai/gpt-4o-mini',
      parsed: { intent: 'billing' },
      usage: { inputTokens: 500, outputTokens: 20, estimated: false },
    });
    expect(result.cost?.amount).toBeCloseTo(500 * 0.15e-6 + 20 * 0.6e-6, 12);
    const sent = fixture.server.requests()[0]!;
    expect(JSON.stringify(sent.body)).toContain('I was charged twice for order 1234');
    expect(sent.apiKeyPresent).toBe(true);
    await fixture.runtime.flush();
    const [record] = await listRunRecords(fixture.handle.db, { prompt: CLASSIFIER });
    expect(record).toMatchObject({
      id: result.runId,
      status: 'ok',
      version: 1,
      model: 'openai/gpt-4o-mini',
      inputTokens: 500,
    });
    expect(record!.inputFingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(record)).not.toContain('charged twice');
  });

  it('applies the confidence thresholds: verify between the two, escalated below', async () => {
    fixture.server.setRules([{ reply: classified(0.8), times: 1 }, { reply: classified(0.5) }]);
    const verify = await fixture.runtime.run(CLASSIFIER, message);
    expect(verify).toMatchObject({ status: 'ok', decision: 'verify', confidence: 0.8 });
    const low = await fixture.runtime.run(CLASSIFIER, message);
    expect(low).toMatchObject({ status: 'escalated', decision: 'escalate', confidence: 0.5 });
    expect(low.reason).toContain('below the verify threshold');
  });

  it('turns an explicit "uncertain" answer into status uncertain with its reason', async () => {
    fixture.server.setRules([
      { reply: { json: { status: 'uncertain', reason: 'two intents equally likely', suggestion: 'ask' } } },
    ]);
    const result = await fixture.runtime.run(CLASSIFIER, message);
    expect(result).toMatchObject({ status: 'uncertain', reason: 'two intents equally likely' });
  });

  it('retries an invalid answer with a format reminder, then succeeds', async () => {
    fixture.server.setRules([
      { reply: 'Sure! The intent is billing.', times: 1 },
      { reply: classified(0.93) },
    ]);
    const result = await fixture.runtime.run(CLASSIFIER, message);
    expect(result.status).toBe('ok');
    expect(result.validationRetries).toEqual([expect.stringContaining('not valid JSON')]);
    const retry = fixture.server.requests()[1]!;
    expect(JSON.stringify(retry.body)).toContain('Your previous answer could not be used');
  });

  it('fails, never succeeds silently, when every answer breaks the schema', async () => {
    fixture.server.setRules([{ reply: { json: { intent: 'weather', confidence: 2 } } }]);
    const result = await fixture.runtime.run(CLASSIFIER, message);
    expect(result).toMatchObject({ status: 'failed', error: { code: 'output_invalid' } });
    expect(result.validationRetries).toHaveLength(3);
    expect(result.output).toContain('weather');
  });

  it('waits out a 429 with Retry-After and retries the same model', async () => {
    fixture.server.setRules([
      { reply: '', faults: { status: 429, retryAfterSeconds: 1 }, times: 1 },
      { reply: classified(0.95) },
    ]);
    const started = performance.now();
    const result = await fixture.runtime.run(CLASSIFIER, message);
    expect(result.status).toBe('ok');
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.attempts.map((attempt) => [attempt.model, attempt.outcome, attempt.kind])).toEqual([
      ['openai/gpt-4o-mini', 'failed', 'rate-limited'],
      ['openai/gpt-4o-mini', 'ok', undefined],
    ]);
  });

  it('falls back to the next model when the first keeps failing, and says so in the result and record', async () => {
    fixture.server.setRules([
      { match: { protocol: 'openai' }, reply: '', faults: { status: 503 } },
      { match: { protocol: 'anthropic' }, reply: classified(0.96) },
    ]);
    const result = await fixture.runtime.run(CLASSIFIER, message);
    expect(result).toMatchObject({ status: 'ok', model: 'anthropic/claude-haiku-4-5' });
    expect(
      result.attempts.map((attempt) => `${attempt.model} ${attempt.outcome} ${attempt.kind ?? ''}`.trim()),
    ).toEqual([
      'openai/gpt-4o-mini failed overloaded',
      'openai/gpt-4o-mini failed overloaded',
      'anthropic/claude-haiku-4-5 ok',
    ]);
    await fixture.runtime.flush();
    const [record] = await listRunRecords(fixture.handle.db, { prompt: CLASSIFIER, limit: 1 });
    expect(record!.model).toBe('anthropic/claude-haiku-4-5');
    expect(record!.fallbacks).toHaveLength(2);
  });

  it('times out a hanging provider and falls back', async () => {
    fixture.server.setRules([
      { match: { protocol: 'openai' }, reply: '', faults: { hang: true } },
      { match: { protocol: 'anthropic' }, reply: 'Forty-two.' },
    ]);
    const result = await fixture.runtime.run('support/fast-answer', { question: 'What is six times seven?' });
    expect(result).toMatchObject({ status: 'ok', output: 'Forty-two.', model: 'anthropic/claude-haiku-4-5' });
    expect(result.attempts.filter((attempt) => attempt.kind === 'timeout')).toHaveLength(2);
  });

  it('treats a malformed body as a failure, not an answer', async () => {
    fixture.server.setRules([
      { match: { protocol: 'openai' }, reply: 'x', faults: { malformedJson: true } },
      { match: { protocol: 'anthropic' }, reply: 'Recovered.' },
    ]);
    const result = await fixture.runtime.run('support/fast-answer', { question: 'hi' });
    expect(result).toMatchObject({ status: 'ok', output: 'Recovered.' });
    expect(result.attempts[0]).toMatchObject({ outcome: 'failed', kind: 'bad-response' });
  });

  it('fails with every attempt listed when all models are down', async () => {
    fixture.server.setRules([{ reply: '', faults: { status: 500 } }]);
    const result = await fixture.runtime.run('support/fast-answer', { question: 'hi' });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'provider_error' }, output: '' });
    expect(result.attempts.map((attempt) => attempt.model)).toEqual([
      'openai/gpt-4o-mini',
      'openai/gpt-4o-mini',
      'anthropic/claude-haiku-4-5',
      'anthropic/claude-haiku-4-5',
    ]);
  });

  it('rejects bad variables before any model call', async () => {
    fixture.server.setRules([{ reply: classified(0.99) }]);
    const result = await fixture.runtime.run(CLASSIFIER, { customer_message: 42 });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'variable_invalid' } });
    expect(result.error?.message).toContain('customer_message');
    expect(fixture.server.requests()).toHaveLength(0);
  });

  it('splits traffic to a canary by sticky key, the same key always on the same arm', async () => {
    fixture.server.setRules([{ reply: 'ok' }]);
    await fixture.catalog.moveLabel(
      { actor: 'test' },
      { kind: 'prompt', name: 'support/fast-answer', version: 1, environment: 'production' },
    );
    const content = (await fixture.catalog.resolve('prompt', 'support/fast-answer', { version: 1 }))
      .content as Record<string, unknown>;
    await fixture.catalog.saveVersion(
      { actor: 'test' },
      {
        kind: 'prompt',
        name: 'support/fast-answer',
        content: { ...content, description: 'canary' },
        parentVersion: 1,
        message: 'canary',
      },
    );
    const artifact = await fixture.catalog.get('prompt', 'support/fast-answer');
    const deployment = artifact.deployments[0]!;
    const { artifacts } = await import('../../src/store/index.ts');
    const { eq } = await import('drizzle-orm');
    const [row] = await fixture.handle.db
      .select()
      .from(artifacts)
      .where(eq(artifacts.name, 'support/fast-answer'));
    await saveDeployment(
      fixture.handle.db,
      {
        artifactId: row!.id,
        environment: 'production',
        stableVersion: 1,
        canaryVersion: 2,
        canaryPercent: 2_000,
        canaryStartedAt: null,
        revision: deployment.revision + 1,
        updatedAt: new Date(),
        updatedBy: 'test',
      },
      deployment.revision,
    );
    fixture.runtime.parts.cache.invalidateAll();
    const arms = new Map<string, string>();
    for (let user = 0; user < 200; user++) {
      const result = await fixture.runtime.run(
        'support/fast-answer',
        { question: 'hi' },
        { environment: 'production', stickyKey: `user-${user}` },
      );
      arms.set(`user-${user}`, `${result.arm}:${result.version}`);
    }
    const canary = [...arms.values()].filter((arm) => arm === 'canary:2').length;
    expect(canary).toBeGreaterThan(20);
    expect(canary).toBeLessThan(60);
    for (const key of ['user-1', 'user-7', 'user-42']) {
      const again = await fixture.runtime.run(
        'support/fast-answer',
        { question: 'hi' },
        { environment: 'production', stickyKey: key },
      );
      expect(`${again.arm}:${again.version}`).toBe(arms.get(key));
    }
  });

  it('applies the environment-specific variation of the model parameters', async () => {
    fixture.server.setRules([{ reply: 'ok' }]);
    await fixture.catalog.moveLabel(
      { actor: 'test' },
      { kind: 'prompt', name: 'support/fast-answer', version: 1, environment: 'staging' },
    );
    await fixture.runtime.run('support/fast-answer', { question: 'q' });
    await fixture.runtime.run('support/fast-answer', { question: 'q' }, { environment: 'staging' });
    expect(
      fixture.server.requests().map((request) => (request.body as { max_tokens?: number }).max_tokens),
    ).toEqual([50, 7]);
  });

  it('sees a label move at once: the catalog notifies the runtime cache', async () => {
    fixture.server.setRules([{ reply: 'ok' }]);
    await fixture.catalog.moveLabel(
      { actor: 'test' },
      { kind: 'prompt', name: 'support/fast-answer', version: 1, environment: 'staging' },
    );
    expect(
      (await fixture.runtime.run('support/fast-answer', { question: 'q' }, { environment: 'staging' }))
        .version,
    ).toBe(1);
    await fixture.catalog.moveLabel(
      { actor: 'test' },
      { kind: 'prompt', name: 'support/fast-answer', version: 2, environment: 'staging' },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(
      (await fixture.runtime.run('support/fast-answer', { question: 'q' }, { environment: 'staging' }))
        .version,
    ).toBe(2);
  });
});
