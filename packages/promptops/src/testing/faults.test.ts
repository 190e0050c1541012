import { afterAll, beforeEach, expect, test } from 'vitest';
import { parseServerSentEvents } from './parse-server-sent-events.ts';
import type { ScriptRule } from './script-types.ts';
import { startScriptedModelServer } from './scripted-model-server.ts';

/** The wire is untyped JSON: tests read it loosely and assert on its shape. */
async function readJson(response: Response) {
  return JSON.parse(await response.text());
}

const server = await startScriptedModelServer();
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.setFaults({});
});

const TEXT = 'one two three four five six seven eight';

function openai(body: Record<string, unknown> = {}, signal?: AbortSignal) {
  return fetch(`${server.openaiBaseUrl}/chat/completions`, {
    method: 'POST',
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...body }),
    ...(signal ? { signal } : {}),
  });
}

function anthropic(body: Record<string, unknown> = {}) {
  return fetch(`${server.url}/v1/messages`, {
    method: 'POST',
    body: JSON.stringify({
      model: 'claude',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
      ...body,
    }),
  });
}

function script(...rules: ScriptRule[]) {
  server.setRules(rules);
}

/** Reads a body until it ends or breaks; says which. */
async function readUntilEnd(response: Response): Promise<{ text: string; broken: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (let part = await reader.read(); !part.done; part = await reader.read())
      text += decoder.decode(part.value);
    return { text, broken: false };
  } catch {
    return { text, broken: true };
  }
}

test("429 carries Retry-After and each provider's error body", async () => {
  script({ reply: TEXT, faults: { status: 429 } });
  const first = await openai();
  expect(first.status).toBe(429);
  expect(first.headers.get('retry-after')).toBe('1');
  expect((await readJson(first)).error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });

  script({ reply: TEXT, faults: { status: 429, retryAfterSeconds: 7 } });
  const second = await anthropic();
  expect(second.headers.get('retry-after')).toBe('7');
  expect(await readJson(second)).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
});

test("500, 503 and Anthropic's 529 overloaded, without Retry-After unless asked", async () => {
  script({ reply: TEXT, faults: { status: 500 }, times: 1 }, { reply: TEXT, faults: { status: 503 } });
  const failed = await openai();
  expect(failed.status).toBe(500);
  expect(failed.headers.get('retry-after')).toBeNull();
  expect((await readJson(failed)).error.type).toBe('server_error');
  expect((await openai()).status).toBe(503);

  script({ reply: TEXT, faults: { status: 529 } });
  const overloaded = await anthropic();
  expect(overloaded.status).toBe(529);
  expect((await readJson(overloaded)).error.type).toBe('overloaded_error');
});

test('hang answers nothing until the client gives up', async () => {
  script({ reply: TEXT, faults: { hang: true } });
  const started = Date.now();
  await expect(openai({}, AbortSignal.timeout(150))).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(server.requests()).toHaveLength(1);
  script({ reply: TEXT });
  expect((await openai()).status).toBe(200); // the server is still fine
});

test('close() ends hanging requests', async () => {
  const own = await startScriptedModelServer({ rules: [{ reply: TEXT, faults: { hang: true } }] });
  const pending = fetch(`${own.openaiBaseUrl}/chat/completions`, {
    method: 'POST',
    body: JSON.stringify({ model: 'm', messages: [] }),
  });
  while (own.requests().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  await own.close();
  await expect(pending).rejects.toThrow();
});

test('malformedJson sends a 200 whose JSON does not parse, whole or streamed', async () => {
  script({ reply: TEXT, faults: { malformedJson: true } });
  const response = await openai();
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(text.startsWith('{"id":"chatcmpl-scripted-')).toBe(true);
  expect(() => JSON.parse(text)).toThrow();

  const events = parseServerSentEvents(await (await anthropic({ stream: true })).text());
  const unparseable = events.filter((event) => {
    try {
      JSON.parse(event.data);
      return false;
    } catch {
      return true;
    }
  });
  expect(unparseable).toHaveLength(1);
});

test('cutStream drops the connection part-way, without [DONE] or message_stop', async () => {
  script({ reply: TEXT, faults: { cutStream: true } });
  const cut = await readUntilEnd(await openai({ stream: true }));
  expect(cut.broken).toBe(true);
  const deltas = parseServerSentEvents(cut.text).map(
    (event) => JSON.parse(event.data).choices[0].delta.content,
  );
  expect(deltas.join('')).toBe('one two three four'); // the role chunk, then half of the eight words
  expect(cut.text).not.toContain('[DONE]');

  script({ reply: TEXT, faults: { cutStream: { afterChunks: 2 } } });
  const claude = await readUntilEnd(await anthropic({ stream: true }));
  expect(claude.broken).toBe(true);
  const names = parseServerSentEvents(claude.text).map((event) => event.event);
  expect(names.filter((name) => name === 'content_block_delta')).toHaveLength(2);
  expect(names).not.toContain('message_stop');

  const whole = await openai();
  expect(whole.status).toBe(200);
  await expect(whole.text()).rejects.toThrow();
});

test('latency delays the answer; ttft and chunk delays pace a stream', async () => {
  script({ reply: TEXT, faults: { latencyMs: 120 } });
  let started = performance.now();
  await readJson(await openai());
  expect(performance.now() - started).toBeGreaterThanOrEqual(110);

  script({ reply: 'a b c d', faults: { ttftMs: 100, chunkDelayMs: 40 } });
  started = performance.now();
  const events = parseServerSentEvents(await (await openai({ stream: true })).text());
  expect(performance.now() - started).toBeGreaterThanOrEqual(100 + 3 * 40 - 10);
  expect(events.at(-1)?.data).toBe('[DONE]');
});

test('wrongSchema replaces the reply with JSON no prompt asked for', async () => {
  script(
    { reply: { json: { intent: 'refund' } }, faults: { wrongSchema: true }, times: 1 },
    {
      reply: 'x',
      faults: { wrongSchema: { intent: 42, extra: true } },
    },
  );
  const first = (await readJson(await openai())).choices[0].message.content;
  expect(JSON.parse(first)).toEqual({ unexpected: 'scripted wrong-schema reply' });
  const second = (await readJson(await anthropic())).content[0].text;
  expect(JSON.parse(second)).toEqual({ intent: 42, extra: true });
});

test("server-wide faults apply to every rule; a rule's own faults win field by field", async () => {
  script({ match: { model: 'gpt-4o' }, reply: TEXT, faults: { status: 503 } }, { reply: TEXT });
  server.setFaults({ status: 429, retryAfterSeconds: 3 });
  const own = await openai();
  expect(own.status).toBe(503);
  expect(own.headers.get('retry-after')).toBe('3');
  expect((await anthropic()).status).toBe(429);
  server.setFaults({});
  expect((await anthropic()).status).toBe(200);
});
