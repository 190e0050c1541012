import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  exportedStrings,
  type InMemoryTracing,
  kindName,
  parentOf,
  startInMemoryTracing,
} from '../support/in-memory-tracing.ts';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

/** The application's trace: its own span called promptops (W3C trace context). */
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`;
const MESSAGE = 'Ignore my cat Bartholomew, I was charged twice';

describe('traces through the server: an incoming traceparent continues into promptops', () => {
  let fixture: ServerFixture;
  let tracing: InMemoryTracing;
  let client: OpenAI;
  beforeAll(async () => {
    tracing = startInMemoryTracing();
    fixture = await startServerFixture();
    client = new OpenAI({ apiKey: fixture.tokens.get('alice')!, baseURL: `${fixture.url}/v1` });
  });
  afterAll(async () => {
    await fixture?.close();
    await tracing?.close();
  });
  beforeEach(() => {
    tracing.reset();
    fixture.runtime.server.reset();
    fixture.runtime.server.setRules([
      { reply: { json: { intent: 'billing', confidence: 0.93, entities: {} } } },
    ]);
  });

  /** Server spans end when the response has been sent, which may be just after the client has it. */
  async function serverSpan(name: string) {
    for (let tries = 0; tries < 100; tries++) {
      const found = tracing.spans().find((span) => span.name === name);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(
      `no span ${name}: ${tracing
        .spans()
        .map((span) => span.name)
        .join(', ')}`,
    );
  }

  it('puts the request, its run and the model call in the caller trace, each the parent of the next', async () => {
    const completion = await client.chat.completions.create(
      { model: 'prompt:support/classify-intent', messages: [{ role: 'user', content: MESSAGE }] },
      { headers: { traceparent: TRACEPARENT } },
    );
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    const request = await serverSpan('POST /v1/chat/completions');
    expect(kindName(request)).toBe('SERVER');
    expect(request.spanContext().traceId).toBe(TRACE_ID);
    expect(parentOf(request)).toBe(CALLER_SPAN_ID);
    expect(request.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/v1/chat/completions',
      'http.response.status_code': 200,
    });
    const run = tracing.one('run support/classify-intent');
    expect(run.spanContext().traceId).toBe(TRACE_ID);
    expect(parentOf(run)).toBe(request.spanContext().spanId);
    expect(run.attributes['promptops.request.id']).toBe(request.attributes['promptops.request.id']);
    const call = tracing.one('chat gpt-4o-mini');
    expect(call.spanContext().traceId).toBe(TRACE_ID);
    expect(parentOf(call)).toBe(run.spanContext().spanId);
    expect(exportedStrings(tracing.spans()).filter((text) => text.includes('Bartholomew'))).toEqual([]);
  });

  it('does the same for a streamed answer', async () => {
    const stream = await client.chat.completions.create(
      {
        model: 'prompt:support/classify-intent',
        messages: [{ role: 'user', content: MESSAGE }],
        stream: true,
      },
      { headers: { traceparent: TRACEPARENT } },
    );
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(JSON.parse(text)).toMatchObject({ intent: 'billing' });
    const request = await serverSpan('POST /v1/chat/completions');
    const run = tracing.one('run support/classify-intent');
    const call = tracing.one('chat gpt-4o-mini');
    expect(new Set([request, run, call].map((span) => span.spanContext().traceId))).toEqual(
      new Set([TRACE_ID]),
    );
    expect(parentOf(run)).toBe(request.spanContext().spanId);
    expect(parentOf(call)).toBe(run.spanContext().spanId);
  });

  it('starts a new trace for a request without a traceparent', async () => {
    await client.chat.completions.create({
      model: 'prompt:support/classify-intent',
      messages: [{ role: 'user', content: MESSAGE }],
    });
    const request = await serverSpan('POST /v1/chat/completions');
    expect(parentOf(request)).toBeUndefined();
    expect(request.spanContext().traceId).not.toBe(TRACE_ID);
    expect(parentOf(tracing.one('run support/classify-intent'))).toBe(request.spanContext().spanId);
  });

  it('continues the trace through the REST API too', async () => {
    const response = await fetch(`${fixture.url}/api/runs`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${fixture.tokens.get('alice')}`,
        'content-type': 'application/json',
        traceparent: TRACEPARENT,
      },
      body: JSON.stringify({ prompt: 'support/classify-intent', variables: { customer_message: MESSAGE } }),
    });
    expect(response.status).toBe(200);
    const request = await serverSpan('POST /api/runs');
    expect(parentOf(request)).toBe(CALLER_SPAN_ID);
    const run = tracing.one('run support/classify-intent');
    expect(run.spanContext().traceId).toBe(TRACE_ID);
    expect(parentOf(run)).toBe(request.spanContext().spanId);
  });

  it('keeps a name the caller made up out of the span: an unknown prompt is just `run`', async () => {
    const failure: unknown = await client.chat.completions
      .create({
        model: 'prompt:support/tell-me-about-bartholomew',
        messages: [{ role: 'user', content: MESSAGE }],
      })
      .catch((error: unknown) => error);
    expect((failure as { status?: number }).status).toBe(404);
    await serverSpan('POST /v1/chat/completions');
    const run = tracing.one('run');
    expect(run.attributes).toMatchObject({ 'promptops.status': 'failed', 'error.type': 'prompt_not_found' });
    expect(run.attributes['promptops.prompt.name']).toBeUndefined();
    expect(exportedStrings(tracing.spans()).filter((text) => /bartholomew/i.test(text))).toEqual([]);
  });
});
