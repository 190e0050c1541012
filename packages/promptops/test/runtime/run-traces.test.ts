import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadChainFile } from '../../src/catalog/files/chain-file.ts';
import { traceToolCall } from '../../src/observability/tracing/tool-call-span.ts';
import { loadScriptFile } from '../../src/testing/index.ts';
import {
  exportedStrings,
  type InMemoryTracing,
  kindName,
  parentOf,
  startInMemoryTracing,
} from '../support/in-memory-tracing.ts';
import { type RuntimeFixture, startRuntimeFixture } from './runtime-fixture.ts';

const EXAMPLE = new URL('../../../../examples/acme-support', import.meta.url).pathname;
/** Text that must never reach a span: the customer's words and the model's answer. */
const SECRET_MESSAGE = 'My zebra passphrase is Quokka-7781 and I was charged twice';
const CLASSIFIED = { intent: 'billing', confidence: 0.93, entities: { note: 'Quokka-7781 answer' } };

describe('OpenTelemetry spans of runs (GenAI semantic conventions)', () => {
  let fixture: RuntimeFixture;
  let tracing: InMemoryTracing;
  beforeAll(async () => {
    tracing = startInMemoryTracing();
    fixture = await startRuntimeFixture();
  });
  afterAll(async () => {
    await fixture?.close();
    await tracing?.close();
  });
  beforeEach(() => {
    tracing.reset();
    fixture.server.reset();
  });

  it('gives a run a span with promptops and GenAI attributes, and its model call a CLIENT child', async () => {
    fixture.server.setRules([{ reply: { json: CLASSIFIED, usage: { inputTokens: 310, outputTokens: 17 } } }]);
    const result = await fixture.runtime.run(
      'support/classify-intent',
      { customer_message: SECRET_MESSAGE },
      { requestId: 'req-42' },
    );
    expect(result.status).toBe('ok');

    const run = tracing.one('run support/classify-intent');
    expect(kindName(run)).toBe('INTERNAL');
    expect(parentOf(run)).toBeUndefined();
    expect(run.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini',
      'gen_ai.response.finish_reasons': ['stop'],
      'promptops.run.id': result.runId,
      'promptops.run.kind': 'prompt',
      'promptops.request.id': 'req-42',
      'promptops.prompt.name': 'support/classify-intent',
      'promptops.prompt.version': 1,
      'promptops.arm': 'latest',
      'promptops.status': 'ok',
      'promptops.model': 'openai/gpt-4o-mini',
      'promptops.usage.input_tokens': 310,
      'promptops.usage.output_tokens': 17,
      'promptops.cost.known': true,
      'promptops.cost.amount': result.cost!.amount,
      'promptops.cost.currency': 'USD',
      'promptops.attempts': 1,
    });
    expect(run.attributes['promptops.cost.amount']).toBeGreaterThan(0);
    // Per-call token counts live on the call span only, so a backend summing them counts once.
    expect(run.attributes['gen_ai.usage.input_tokens']).toBeUndefined();

    const call = tracing.one('chat gpt-4o-mini');
    expect(kindName(call)).toBe('CLIENT');
    expect(parentOf(call)).toBe(run.spanContext().spanId);
    expect(call.spanContext().traceId).toBe(run.spanContext().traceId);
    expect(call.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.temperature': 0,
      'gen_ai.request.max_tokens': 200,
      'gen_ai.output.type': 'json',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 310,
      'gen_ai.usage.output_tokens': 17,
      'promptops.attempt': 0,
      'promptops.fallback_index': 0,
    });
    expect(call.attributes['gen_ai.response.model']).toBeTypeOf('string');
    expect(call.status.code).not.toBe(SpanStatusCode.ERROR);

    const strings = exportedStrings(tracing.spans());
    expect(strings.filter((text) => /Quokka|zebra|charged twice/i.test(text))).toEqual([]);
  });

  it('shows a retry as two attempt spans, the first failed with its error.type', async () => {
    fixture.server.setRules([
      { reply: 'unused', faults: { status: 503 }, times: 1 },
      { reply: { json: CLASSIFIED } },
    ]);
    const result = await fixture.runtime.run('support/classify-intent', {
      customer_message: 'charged twice',
    });
    expect(result.status).toBe('ok');
    const run = tracing.one('run support/classify-intent');
    const calls = tracing.spans().filter((span) => span.name === 'chat gpt-4o-mini');
    expect(calls.map((span) => span.attributes['promptops.attempt'])).toEqual([0, 1]);
    expect(calls.every((span) => parentOf(span) === run.spanContext().spanId)).toBe(true);
    expect(calls[0]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(calls[0]!.attributes).toMatchObject({
      'error.type': 'overloaded',
      'http.response.status_code': 503,
    });
    expect(calls[1]!.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(run.attributes['promptops.attempts']).toBe(2);
  });

  it('shows a fallback as a span for the next model, and a failed run as an error', async () => {
    fixture.server.setRules([
      { match: { model: 'gpt-4o-mini' }, reply: 'down', faults: { status: 500 } },
      { reply: { json: CLASSIFIED } },
    ]);
    const result = await fixture.runtime.run('support/classify-intent', {
      customer_message: 'charged twice',
    });
    expect(result.model).toBe('anthropic/claude-haiku-4-5');
    const fallback = tracing.one('chat claude-haiku-4-5');
    expect(fallback.attributes).toMatchObject({
      'gen_ai.provider.name': 'anthropic',
      'promptops.fallback_index': 1,
      'promptops.attempt': 0,
    });
    const run = tracing.one('run support/classify-intent');
    expect(run.attributes).toMatchObject({
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-haiku-4-5',
      'promptops.model': 'anthropic/claude-haiku-4-5',
    });

    tracing.reset();
    fixture.server.setRules([{ reply: 'down', faults: { status: 500 } }]);
    const failed = await fixture.runtime.run('support/classify-intent', {
      customer_message: 'charged twice',
    });
    expect(failed.status).toBe('failed');
    const failedRun = tracing.one('run support/classify-intent');
    expect(failedRun.status.code).toBe(SpanStatusCode.ERROR);
    expect(failedRun.attributes).toMatchObject({
      'promptops.status': 'failed',
      'error.type': failed.error!.code,
      'promptops.cost.known': false,
    });
  });

  it('traces a run that never calls a model: bad variables fail the run span, with no call span', async () => {
    const result = await fixture.runtime.run('support/classify-intent', { customer_message: '' });
    expect(result.status).toBe('failed');
    expect(tracing.spans().map((span) => span.name)).toEqual(['run support/classify-intent']);
    expect(tracing.one('run support/classify-intent').attributes['error.type']).toBe('variable_invalid');
  });

  it('traces a streamed run: the call span lasts until the stream finishes and has its usage', async () => {
    fixture.server.setRules([
      {
        reply: {
          text: 'You can reset it from the account page.',
          usage: { inputTokens: 90, outputTokens: 9 },
        },
      },
    ]);
    const stream = fixture.runtime.stream('support/fast-answer', { question: SECRET_MESSAGE });
    let text = '';
    for await (const part of stream.textStream) text += part;
    const result = await stream.result;
    expect(result.status).toBe('ok');
    const run = tracing.one('run support/fast-answer');
    const call = tracing.one('chat gpt-4o-mini');
    expect(parentOf(call)).toBe(run.spanContext().spanId);
    expect(call.attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 90,
      'gen_ai.usage.output_tokens': 9,
    });
    expect(run.attributes['promptops.time_to_first_token_ms']).toBeTypeOf('number');
    const strings = exportedStrings(tracing.spans());
    expect(strings.filter((value) => value.includes('account page') || value.includes('Quokka'))).toEqual([]);
    expect(text).toContain('account page');
  });

  it('gives a chain a span, each stage a child span, and each stage run a grandchild', async () => {
    fixture.server.setRules(await loadScriptFile(`${EXAMPLE}/demo/scripted-model.yaml`));
    const chain = await loadChainFile(EXAMPLE, 'chains/customer-service.yaml');
    const result = await fixture.runtime.runChain(chain, {
      customer_message: 'I was charged twice for order 1234',
    });
    expect(result.stages.length).toBeGreaterThan(1);
    const chainSpan = tracing.one('chain customer-service');
    expect(chainSpan.attributes).toMatchObject({
      'promptops.chain.name': 'customer-service',
      'promptops.run.id': result.chainRunId,
      'promptops.status': result.status,
      'promptops.chain.outcome': result.outcome,
    });
    for (const stage of result.stages) {
      const stageSpan = tracing.one(`stage ${stage.id}`);
      expect(parentOf(stageSpan)).toBe(chainSpan.spanContext().spanId);
      const runSpan = tracing
        .spans()
        .find((span) => span.attributes['promptops.run.id'] === stage.result.runId);
      expect(runSpan?.name).toBe(`run ${stage.prompt}`);
      expect(parentOf(runSpan!)).toBe(stageSpan.spanContext().spanId);
      expect(runSpan!.attributes['promptops.run.parent_id']).toBe(result.chainRunId);
      const calls = tracing.spans().filter((span) => parentOf(span) === runSpan!.spanContext().spanId);
      expect(calls.length).toBeGreaterThan(0);
    }
    const traceIds = new Set(tracing.spans().map((span) => span.spanContext().traceId));
    expect(traceIds.size).toBe(1);
  });

  it('gives a tool call an execute_tool span under its parent, failed when the tool throws', async () => {
    const parent = trace.getTracer('application').startSpan('handle ticket');
    const parentContext = trace.setSpan(context.active(), parent);
    const answer = await traceToolCall(
      parentContext,
      { name: 'lookup_order', callId: 'call_1' },
      async () => ({
        status: 'shipped to 12 Quokka Lane',
      }),
    );
    expect(answer.status).toContain('shipped');
    await expect(
      traceToolCall(parentContext, { name: 'issue_refund' }, async () => {
        throw new TypeError('amount missing');
      }),
    ).rejects.toThrow('amount missing');
    parent.end();
    const lookup = tracing.one('execute_tool lookup_order');
    expect(parentOf(lookup)).toBe(parent.spanContext().spanId);
    expect(lookup.attributes).toEqual({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'lookup_order',
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.call.id': 'call_1',
    });
    const refund = tracing.one('execute_tool issue_refund');
    expect(refund.status.code).toBe(SpanStatusCode.ERROR);
    expect(refund.attributes['error.type']).toBe('TypeError');
    expect(exportedStrings(tracing.spans()).filter((text) => /Quokka|amount missing/.test(text))).toEqual([]);
  });

  it('nests a run under the span an embedding application has active', async () => {
    fixture.server.setRules([{ reply: { json: CLASSIFIED } }]);
    const application = trace.getTracer('application').startSpan('POST /tickets');
    const result = await context.with(trace.setSpan(context.active(), application), () =>
      fixture.runtime.run('support/classify-intent', { customer_message: 'charged twice' }),
    );
    application.end();
    expect(result.status).toBe('ok');
    const run = tracing.one('run support/classify-intent');
    expect(parentOf(run)).toBe(application.spanContext().spanId);
    expect(run.spanContext().traceId).toBe(application.spanContext().traceId);
  });
});
