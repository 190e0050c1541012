import { afterAll, beforeEach, expect, test } from 'vitest';
import { startScriptedModelServer } from './scripted-model-server.ts';

/** The wire is untyped JSON: tests read it loosely and assert on its shape. */
async function readJson(response: Response) {
  return JSON.parse(await response.text());
}

const server = await startScriptedModelServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

function openai(content: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return fetch(`${server.openaiBaseUrl}/chat/completions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content }], ...extra }),
  });
}

async function replyText(content: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await openai(content, extra);
  expect(response.status).toBe(200);
  return (await readJson(response)).choices[0].message.content;
}

test('rules are tried in order and match on model, protocol, messages, system prompt and a predicate', async () => {
  server.setRules([
    { match: { model: /^gpt-4o-mini/ }, reply: 'small model' },
    { match: { system: 'pirate' }, reply: 'arr' },
    { match: { anyMessage: 'order #1234' }, reply: 'order found' },
    { match: { lastUserMessage: 'refund' }, reply: 'refund rule' },
    { match: { when: (request) => request.tools.includes('search') }, reply: 'tools offered' },
    { match: { protocol: 'anthropic' }, reply: 'never for OpenAI' },
    { reply: 'fallback' },
  ]);
  expect(await replyText('hi', { model: 'gpt-4o-mini-2024' })).toBe('small model');
  expect(
    await replyText('hi', {
      messages: [
        { role: 'system', content: 'Talk like a pirate' },
        { role: 'user', content: 'hi' },
      ],
    }),
  ).toBe('arr');
  expect(
    await replyText('', {
      messages: [
        { role: 'assistant', content: 'Is it order #1234?' },
        { role: 'user', content: 'yes' },
      ],
    }),
  ).toBe('order found');
  expect(await replyText('I want a refund please')).toBe('refund rule');
  expect(await replyText('find it', { tools: [{ type: 'function', function: { name: 'search' } }] })).toBe(
    'tools offered',
  );
  expect(await replyText('hello')).toBe('fallback');
  expect(server.requests().map((request) => request.rule)).toEqual([0, 1, 2, 3, 4, 6]);
});

test('a RegExp with the g flag matches the same request every time', async () => {
  server.setRules([{ match: { lastUserMessage: /refund/g }, reply: 'yes' }, { reply: 'no' }]);
  expect([await replyText('refund'), await replyText('refund'), await replyText('refund')]).toEqual([
    'yes',
    'yes',
    'yes',
  ]);
});

test('times: fail twice, then succeed; reset() rewinds the count', async () => {
  server.setRules([{ reply: '', faults: { status: 503 }, times: 2 }, { reply: 'ok' }]);
  const statuses = [];
  for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await openai('hi')).status);
  expect(statuses).toEqual([503, 503, 200]);
  server.reset();
  expect((await openai('hi')).status).toBe(503);
});

test('reply functions see the parsed request', async () => {
  server.setRules([
    { reply: (request) => ({ json: { echo: request.lastUserMessage, model: request.model } }) },
  ]);
  expect(JSON.parse(await replyText('ping'))).toEqual({ echo: 'ping', model: 'gpt-4o' });
});

test('with no matching rule the answer is a 404 saying so; addRule appends', async () => {
  server.setRules([{ match: { lastUserMessage: 'weather' }, reply: 'sunny' }]);
  const response = await openai('what is love');
  expect(response.status).toBe(404);
  expect((await readJson(response)).error.message).toContain('no rule matched this request');
  server.addRule({ reply: 'added' });
  expect(await replyText('what is love')).toBe('added');
});

test('a configured default reply answers when no rule matches', async () => {
  const own = await startScriptedModelServer({ defaultReply: 'default text' });
  const response = await fetch(`${own.openaiBaseUrl}/chat/completions`, {
    method: 'POST',
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
  });
  expect((await readJson(response)).choices[0].message.content).toBe('default text');
  await own.close();
});

test('the request log keeps method, path, headers and body, and only whether a key was sent', async () => {
  server.setRules([{ reply: 'ok' }]);
  await openai('hello', {}, { authorization: 'Bearer sk-secret-123', 'x-trace': 'abc' });
  await openai('again');
  const [first, second] = server.requests();
  expect(first).toMatchObject({ method: 'POST', path: '/v1/chat/completions', apiKeyPresent: true, rule: 0 });
  expect(first?.headers['x-trace']).toBe('abc');
  expect(first?.headers.authorization).toBeUndefined();
  expect(JSON.stringify(server.requests())).not.toContain('sk-secret-123');
  expect(first?.body).toMatchObject({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] });
  expect(second?.apiKeyPresent).toBe(false);
  server.reset();
  expect(server.requests()).toEqual([]);
});

test("requireApiKey: a wrong or missing key is a 401 in each protocol's shape", async () => {
  const own = await startScriptedModelServer({ requireApiKey: 'sk-test', rules: [{ reply: 'ok' }] });
  const chat = (authorization?: string) =>
    fetch(`${own.openaiBaseUrl}/chat/completions`, {
      method: 'POST',
      headers: authorization ? { authorization } : {},
      body: JSON.stringify({ model: 'm', messages: [] }),
    });
  const claude = (key: string) =>
    fetch(`${own.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'm', max_tokens: 5, messages: [] }),
    });
  const missing = await chat();
  expect(missing.status).toBe(401);
  expect((await readJson(missing)).error).toMatchObject({
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  });
  expect((await chat('Bearer sk-wrong')).status).toBe(401);
  expect((await chat('Bearer sk-test')).status).toBe(200);
  const wrong = await claude('sk-wrong');
  expect(wrong.status).toBe(401);
  expect(await readJson(wrong)).toEqual({
    type: 'error',
    error: { type: 'authentication_error', message: 'invalid x-api-key' },
  });
  expect((await claude('sk-test')).status).toBe(200);
  await own.close();
});

test('announce says, once, that replies are scripted; under a test runner it is silent by default', async () => {
  const lines: string[] = [];
  const loud = await startScriptedModelServer({ announce: (line) => lines.push(line) });
  expect(lines).toEqual([
    `promptops: using the scripted model server at ${loud.url} — replies are scripted, no real model is called`,
  ]);
  expect(loud.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(loud.openaiBaseUrl).toBe(`${loud.url}/v1`);
  await loud.close();
  expect(process.env.VITEST).toBeTruthy(); // so the default below is the test-runner default
  const writes: unknown[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: unknown) => writes.push(chunk) > 0) as typeof process.stderr.write;
  try {
    await (await startScriptedModelServer()).close();
  } finally {
    process.stderr.write = write;
  }
  expect(writes).toEqual([]);
});

test('a reply function that throws is a 500 naming the error, and the server carries on', async () => {
  server.setRules([
    {
      reply: () => {
        throw new Error('fixture bug');
      },
      times: 1,
    },
    { reply: 'fine' },
  ]);
  const response = await openai('hi');
  expect(response.status).toBe(500);
  expect((await readJson(response)).error.message).toContain('fixture bug');
  expect(await replyText('hi')).toBe('fine');
});
