import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ServerFixture, startServerFixture } from '../../promptops/test/server/server-fixture.ts';
import { createClient, PromptopsClientError, type StreamEvent } from '../src/index.ts';

const FAST = 'support/fast-answer';
const PATIENT = 'support/patient-answer';

/** The error a call throws, checked to be the client's one error class. */
async function failure(call: () => Promise<unknown>): Promise<PromptopsClientError> {
  try {
    await call();
  } catch (error) {
    expect(PromptopsClientError.isInstance(error), String(error)).toBe(true);
    return error as PromptopsClientError;
  }
  throw new Error('expected the call to fail');
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const seen: StreamEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

describe('@promptops/client runs against a real server', () => {
  let fixture: ServerFixture;
  const clientAs = (user: string, options: { timeoutMs?: number } = {}) =>
    createClient({ baseUrl: fixture.url, token: fixture.tokens.get(user)!, ...options });

  beforeAll(async () => {
    fixture = await startServerFixture();
  });
  afterAll(() => fixture?.close());
  beforeEach(() => fixture.runtime.server.reset());

  it('runs a prompt and returns the result', async () => {
    fixture.runtime.server.setRules([{ match: { lastUserMessage: /seven/ }, reply: 'Forty-two.' }]);
    const result = await clientAs('alice').run(FAST, {
      variables: { question: 'six times seven?' },
      requestId: 'client-run-1',
    });
    expect(result).toMatchObject({ status: 'ok', output: 'Forty-two.', prompt: FAST, version: 1 });
    expect(result.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fixture.logs.some((line) => line.includes('client-run-1'))).toBe(true);
  });

  it('sends a conversation as history plus the latest message', async () => {
    fixture.runtime.server.setRules([{ reply: 'Forty-two.' }]);
    const result = await clientAs('alice').run(FAST, {
      messages: [
        { role: 'user', content: 'I have a sum for you.' },
        { role: 'assistant', content: 'Go on.' },
        { role: 'user', content: 'six times seven?' },
      ],
    });
    expect(result.status).toBe('ok');
    const sent = fixture.runtime.server.requests().at(-1)!.body as { messages: { content: string }[] };
    expect(sent.messages.map((message) => message.content)).toEqual([
      'I have a sum for you.',
      'Go on.',
      'six times seven?',
    ]);
  });

  it('streams deltas and then the result', async () => {
    fixture.runtime.server.setRules([
      { reply: { text: 'Forty-two, of course.', chunks: ['Forty', '-two, ', 'of course.'] } },
    ]);
    const events = await collect(
      clientAs('alice').stream(FAST, { variables: { question: 'six times seven?' } }),
    );
    expect(events.slice(0, -1)).toEqual([
      { type: 'delta', text: 'Forty' },
      { type: 'delta', text: '-two, ' },
      { type: 'delta', text: 'of course.' },
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'result',
      result: { status: 'ok', output: 'Forty-two, of course.', prompt: FAST },
    });
  });

  it('throws a failed stream as the run error, before text and after it', async () => {
    const client = clientAs('alice');
    const invalid = await failure(() => collect(client.stream(FAST, { variables: {} })));
    expect(invalid).toMatchObject({ code: 'variable_invalid', status: 400 });
    expect(invalid.runId).toMatch(/^[0-9a-f-]{36}$/);

    fixture.runtime.server.setRules([
      {
        reply: { text: 'This answer will be cut', chunks: ['This ', 'answer ', 'will ', 'be cut'] },
        faults: { cutStream: { afterChunks: 2 } },
      },
    ]);
    const texts: string[] = [];
    const cut = await failure(async () => {
      for await (const event of client.stream(FAST, { variables: { question: 'hi' } })) {
        if (event.type === 'delta') texts.push(event.text);
      }
    });
    expect(texts).toEqual(['This ', 'answer ']);
    expect(cut.code).toBe('provider_error');
    expect(cut.runId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('throws the server codes as typed errors', async () => {
    const alice = clientAs('alice');
    const missing = await failure(() => alice.run('support/no-such-prompt', { variables: {} }));
    expect(missing).toMatchObject({ code: 'prompt_not_found', status: 404 });
    expect(missing.requestId).toEqual(expect.any(String));

    const forbidden = await failure(() => clientAs('viv').run(FAST, { variables: { question: 'hi' } }));
    expect(forbidden).toMatchObject({ code: 'forbidden', status: 403 });

    const invalid = await failure(() => alice.run(FAST, { variables: { question: 42 } }));
    expect(invalid).toMatchObject({ code: 'variable_invalid', status: 400 });
    expect(invalid.message).toContain('question');
    expect(invalid.runId).toMatch(/^[0-9a-f-]{36}$/);

    const unknownEnvironment = await failure(() =>
      alice.run(FAST, { environment: 'moon', variables: { question: 'hi' } }),
    );
    expect(unknownEnvironment.code).toBe('environment_not_found');

    fixture.runtime.server.setRules([{ reply: '', faults: { status: 500 } }]);
    const provider = await failure(() => alice.run(FAST, { variables: { question: 'hi' } }));
    expect(provider).toMatchObject({ code: 'provider_error', status: 502 });
  });

  it('never shows the token in an error', async () => {
    const token = 'po_this-token-is-wrong-and-secret';
    const client = createClient({ baseUrl: fixture.url, token });
    const error = await failure(() => client.run(FAST, { variables: { question: 'hi' } }));
    expect(error).toMatchObject({ code: 'unauthenticated', status: 401 });
    for (const shown of [
      String(error),
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      inspect(client),
    ]) {
      expect(shown).not.toContain('this-token-is-wrong');
    }
  });

  it('stops at its timeout and at the caller’s signal', async () => {
    fixture.runtime.server.setRules([{ reply: 'Late.', faults: { latencyMs: 300 } }]);
    const timedOut = await failure(() =>
      clientAs('alice', { timeoutMs: 100 }).run(FAST, { variables: { question: 'hi' } }),
    );
    expect(timedOut).toMatchObject({ code: 'timeout', status: null });

    const controller = new AbortController();
    const running = clientAs('alice').run(FAST, { variables: { question: 'hi' }, signal: controller.signal });
    controller.abort();
    expect(await failure(() => running)).toMatchObject({ code: 'aborted' });
    const before = new AbortController();
    before.abort();
    expect(
      await failure(() =>
        clientAs('alice').run(FAST, { variables: { question: 'hi' }, signal: before.signal }),
      ),
    ).toMatchObject({ code: 'aborted' });
  });

  it('times a stream out before its first event and between events', async () => {
    const client = clientAs('alice', { timeoutMs: 150 });
    fixture.runtime.server.setRules([{ reply: { text: 'late', chunks: ['late'] }, faults: { ttftMs: 400 } }]);
    expect(
      await failure(() => collect(client.stream(FAST, { variables: { question: 'hi' } }))),
    ).toMatchObject({
      code: 'timeout',
    });
    // The first chunk comes at once; the gap after it is far longer than the client's timeout (and
    // shorter than the prompt's own model timeout, which FAST keeps at 400 ms).
    const fast = await fixture.runtime.catalog.resolve('prompt', FAST, { version: 1 });
    const content = fast.content as { model: Record<string, unknown> };
    await fixture.runtime.catalog.saveVersion(
      { actor: 'test' },
      {
        kind: 'prompt',
        name: PATIENT,
        content: { ...content, model: { ...content.model, timeout_ms: 20_000 } },
        parentVersion: null,
        message: 'a model timeout longer than the gap',
      },
    );
    fixture.runtime.server.setRules([
      { reply: { text: 'one two', chunks: ['one ', 'two'] }, faults: { chunkDelayMs: 4_000 } },
    ]);
    const texts: string[] = [];
    const gap = await failure(async () => {
      const patient = clientAs('alice', { timeoutMs: 1_500 });
      for await (const event of patient.stream(PATIENT, { variables: { question: 'hi' } })) {
        if (event.type === 'delta') texts.push(event.text);
      }
    });
    expect(gap.code).toBe('timeout');
    expect(texts).toEqual(['one ']);
  });

  it('hangs up when the caller leaves a stream early, and the server stops the model call', async () => {
    const chunks = Array.from({ length: 40 }, (_, index) => `part${index} `);
    fixture.runtime.server.setRules([
      { reply: { text: chunks.join(''), chunks }, faults: { chunkDelayMs: 100 } },
    ]);
    const texts: string[] = [];
    for await (const event of clientAs('alice').stream(FAST, {
      variables: { question: 'a long one' },
      requestId: 'client-stream-left',
    })) {
      if (event.type === 'delta') texts.push(event.text);
      if (texts.length === 2) break;
    }
    expect(texts).toEqual(['part0 ', 'part1 ']);
    // The run is recorded as failed (cancelled by the caller) rather than answered in full.
    const { listRunRecords } = await import('../../promptops/src/store/index.ts');
    let records: Awaited<ReturnType<typeof listRunRecords>> = [];
    for (let attempt = 0; attempt < 100 && records.length === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await fixture.runtime.runtime.flush();
      records = (await listRunRecords(fixture.runtime.handle.db, { prompt: FAST })).filter(
        (record) => record.requestId === 'client-stream-left',
      );
    }
    expect(records.map((record) => record.status)).toEqual(['failed']);
  });

  it('reports a server that cannot be reached as network_error', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const client = createClient({ baseUrl: `http://127.0.0.1:${port}`, token: 'po_x' });
    const error = await failure(() => client.run(FAST, { variables: { question: 'hi' } }));
    expect(error).toMatchObject({ code: 'network_error', status: null });
    expect(error.message).toContain('ECONNREFUSED');
  });
});
