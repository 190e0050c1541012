import { afterAll, beforeEach, expect, test } from 'vitest';
import { parseServerSentEvents } from './parse-server-sent-events.ts';
import { startScriptedModelServer } from './scripted-model-server.ts';

/** The wire is untyped JSON: tests read it loosely and assert on its shape. */
async function readJson(response: Response) {
  return JSON.parse(await response.text());
}

const server = await startScriptedModelServer({
  rules: [
    {
      match: { lastUserMessage: 'weather' },
      reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }] },
    },
    { match: { system: 'classify' }, reply: { json: { intent: 'refund', confidence: 0.9 } } },
    { reply: 'Hello there, how can I help?' },
  ],
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function chat(body: Record<string, unknown>, path = '/v1/chat/completions') {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-anything' },
    body: JSON.stringify({ model: 'gpt-4o-mini', ...body }),
  });
}

const hello = { messages: [{ role: 'user', content: 'Hello' }] };

test('a non-streaming reply is a chat.completion with the text, the model asked for and usage', async () => {
  const response = await chat(hello);
  expect(response.status).toBe(200);
  expect(response.headers.get('connection')).toBe('keep-alive');
  const body = await readJson(response);
  expect(body).toMatchObject({
    object: 'chat.completion',
    model: 'gpt-4o-mini',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Hello there, how can I help?' },
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 2, completion_tokens: 7, total_tokens: 9 },
  });
  expect(body.id).toMatch(/^chatcmpl-scripted-\d+$/);
});

test('the path without /v1 is accepted too', async () => {
  const response = await chat(hello, '/chat/completions');
  expect((await readJson(response)).choices[0].message.content).toBe('Hello there, how can I help?');
});

test('a stream sends a role chunk, the text in deltas, a finish chunk, the usage chunk when asked, then [DONE]', async () => {
  const response = await chat({ ...hello, stream: true, stream_options: { include_usage: true } });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events = parseServerSentEvents(await response.text());
  expect(events.at(-1)).toEqual({ event: undefined, data: '[DONE]' });
  const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data));
  expect(
    chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.model === 'gpt-4o-mini'),
  ).toBe(true);
  expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  expect(chunks[0].choices[0].delta.role).toBe('assistant');
  const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
  expect(text).toBe('Hello there, how can I help?');
  expect(chunks.length).toBeGreaterThan(4);
  expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
  expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 2, completion_tokens: 7 } });
});

test('without include_usage a stream has no usage chunk', async () => {
  const events = parseServerSentEvents(await (await chat({ ...hello, stream: true })).text());
  const last = JSON.parse(events.at(-2)!.data);
  expect(last.choices[0].finish_reason).toBe('stop');
  expect(last.usage).toBeUndefined();
});

test('a tool-call reply, whole and streamed', async () => {
  const ask = {
    messages: [{ role: 'user', content: "What's the weather?" }],
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: {} } }],
  };
  const body = await readJson(await chat(ask));
  expect(body.choices[0]).toMatchObject({
    finish_reason: 'tool_calls',
    message: {
      content: null,
      tool_calls: [
        {
          id: 'call_scripted_0',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
        },
      ],
    },
  });

  const events = parseServerSentEvents(await (await chat({ ...ask, stream: true })).text());
  const deltas = events.slice(0, -1).map((event) => JSON.parse(event.data).choices[0]);
  const calls = deltas.flatMap((choice) => choice.delta.tool_calls ?? []);
  expect(calls[0]).toMatchObject({
    index: 0,
    id: 'call_scripted_0',
    function: { name: 'get_weather', arguments: '' },
  });
  expect(calls.length).toBeGreaterThan(2);
  expect(JSON.parse(calls.map((call) => call.function.arguments).join(''))).toEqual({
    city: 'Paris',
    unit: 'celsius',
  });
  expect(deltas.at(-1).finish_reason).toBe('tool_calls');
});

test('response_format is accepted and a json reply is serialised as the text', async () => {
  const response = await chat({
    messages: [
      { role: 'system', content: 'You classify intents.' },
      { role: 'user', content: 'I want my money back' },
    ],
    response_format: { type: 'json_schema', json_schema: { name: 'intent', schema: { type: 'object' } } },
  });
  const content = (await readJson(response)).choices[0].message.content;
  expect(JSON.parse(content)).toEqual({ intent: 'refund', confidence: 0.9 });
});

test('GET /v1/models lists models; a body that is not a chat request is a 400 in OpenAI error shape', async () => {
  const models = await readJson(await fetch(`${server.openaiBaseUrl}/models`));
  expect(models).toMatchObject({ object: 'list', data: [{ id: 'scripted-model', object: 'model' }] });
  const bad = await chat({ messages: 'hello' });
  expect(bad.status).toBe(400);
  expect((await readJson(bad)).error).toMatchObject({ type: 'invalid_request_error', param: null });
});
