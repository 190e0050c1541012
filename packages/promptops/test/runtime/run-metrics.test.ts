import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunMetrics } from '../../src/observability/metrics/run-metrics.ts';
import { type RuntimeFixture, startRuntimeFixture } from './runtime-fixture.ts';

describe('run metrics (Prometheus)', () => {
  const metrics = createRunMetrics({ defaultMetrics: false });
  let fixture: RuntimeFixture;
  beforeAll(async () => {
    fixture = await startRuntimeFixture({ observers: [metrics.observe] });
  });
  afterAll(() => fixture?.close());

  const value = async (name: string, labels: Record<string, string>) => {
    const metric = (await metrics.registry.getMetricsAsJSON()).find((entry) => entry.name === name);
    const sample = (metric?.values ?? []).find((entry) =>
      Object.entries(labels).every(([key, wanted]) => String(entry.labels[key]) === wanted),
    );
    return sample?.value;
  };

  it('counts runs by prompt, version, arm, model and status, with tokens, cost and overhead', async () => {
    fixture.server.setRules([{ reply: { json: { intent: 'billing', confidence: 0.93, entities: {} } } }]);
    await fixture.runtime.run('support/classify-intent', { customer_message: 'I was charged twice' });
    await fixture.runtime.run('support/classify-intent', { customer_message: 'I was charged twice' });
    const labels = {
      prompt: 'support/classify-intent',
      version: '1',
      arm: 'latest',
      model: 'openai/gpt-4o-mini',
    };
    expect(await value('promptops_runs_total', { ...labels, status: 'ok' })).toBe(2);
    expect(await value('promptops_tokens_total', { ...labels, direction: 'out' })).toBeGreaterThan(0);
    expect(await value('promptops_cost_usd_total', labels)).toBeGreaterThan(0);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/promptops_runtime_overhead_seconds_count\{prompt="support\/classify-intent"\} 2/);
    expect(text).toMatch(
      /promptops_run_duration_seconds_bucket\{le="\+Inf",prompt="support\/classify-intent",version="1",arm="latest",model="openai\/gpt-4o-mini"\} 2/,
    );
  });

  it('counts failures by error code, and guard triggers by check and action', async () => {
    await fixture.runtime.run('support/classify-intent', { customer_message: '' });
    expect(
      await value('promptops_runs_total', {
        prompt: 'support/classify-intent',
        status: 'failed',
        error: 'variable_invalid',
      }),
    ).toBe(1);
    fixture.server.setRules([{ reply: 'Sure! Globex sells a cheaper one.' }]);
    await fixture.runtime.run('support/assistant', { customer_message: 'Is there a cheaper blender?' });
    const triggers = (await metrics.registry.getMetricsAsJSON()).find(
      (entry) => entry.name === 'promptops_guard_triggers_total',
    );
    expect(triggers?.values.some((entry) => entry.labels.stage === 'output' && entry.value === 1)).toBe(true);
  });

  it("labels a name the caller made up as (unknown), never with the caller's text", async () => {
    await fixture.runtime.run('support/no-such-prompt-x1', {});
    await fixture.runtime.chat({ model: 'made-up-model-x2', messages: [{ role: 'user', content: 'hi' }] });
    const text = await metrics.registry.metrics();
    expect(text).not.toContain('x1');
    expect(text).not.toContain('x2');
    expect(await value('promptops_runs_total', { prompt: '(unknown)', error: 'prompt_not_found' })).toBe(1);
    expect(await value('promptops_runs_total', { prompt: '(unknown)', error: 'model_not_found' })).toBe(1);
  });

  it('counts a fallback when the first model fails', async () => {
    fixture.server.setRules([
      { match: { model: 'gpt-4o-mini' }, reply: 'down', faults: { status: 500 } },
      { reply: { json: { intent: 'billing', confidence: 0.9, entities: {} } } },
    ]);
    const result = await fixture.runtime.run('support/classify-intent', {
      customer_message: 'charged twice',
    });
    expect(result.model).toBe('anthropic/claude-haiku-4-5');
    expect(
      await value('promptops_fallbacks_total', {
        prompt: 'support/classify-intent',
        model: 'anthropic/claude-haiku-4-5',
      }),
    ).toBe(1);
    expect(
      await value('promptops_model_retries_total', { prompt: 'support/classify-intent', outcome: 'ok' }),
    ).toBe(1);
  });
});
