import { afterAll, expect, test } from 'vitest';
import { parseServerSentEvents } from './parse-server-sent-events.ts';
import { startScriptedModelServer } from './scripted-model-server.ts';

/** The wire is untyped JSON: tests read it loosely and assert on its shape. */
async function readJson(response: Response) {
  return JSON.parse(await response.text());
}

const server = await startScriptedModelServer({
  rules: [
    {
      match: { protocol: 'anthropic', lastUserMessage: /weather/i },
      reply: { text: 'Let me look.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] },
    },
    { match: { protocol: 'anthropic' }, reply: { text: 'Bonjour from Claude', usage: { inputTokens: 42 } } },
  ],
});
afterAll(() => server.close());

function messages(body: Record<string, unknown>) {
  return fetch(`${server.anthropicBaseUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 256, ...body }),
  });
}

const hello = { system: 'Be brief.', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] };

test('a non-streaming reply is a message with text content, stop reason and usage', async () => {
  const response = await messages(hello);
  expect(response.status).toBe(200);
  expect(response.headers.get('request-id')).toMatch(/^req_scripted_/);
  const body = await readJson(response);
  expect(body).toMatchObject({
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [{ type: 'text', text: 'Bonjour from Claude' }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 42, output_tokens: 5 },
  });
  expect(body.id).toMatch(/^msg_scripted_\d+$/);
});

test('a stream follows the real event sequence and carries the text and usage', async () => {
  const events = parseServerSentEvents(await (await messages({ ...hello, stream: true })).text());
  const names = events.map((event) => event.event);
  expect(names[0]).toBe('message_start');
  expect(names.slice(1, 3)).toEqual(['content_block_start', 'ping']);
  expect(names.slice(-4)).toEqual([
    'content_block_delta',
    'content_block_stop',
    'message_delta',
    'message_stop',
  ]);
  expect(new Set(names.slice(3, -3))).toEqual(new Set(['content_block_delta']));
  const data = events.map((event) => JSON.parse(event.data));
  expect(data.every((item, index) => item.type === names[index])).toBe(true);
  expect(data[0].message).toMatchObject({
    model: 'claude-sonnet-4-5',
    content: [],
    usage: { input_tokens: 42 },
  });
  const text = data.filter((item) => item.type === 'content_block_delta').map((item) => item.delta.text);
  expect(text.length).toBe(3);
  expect(text.join('')).toBe('Bonjour from Claude');
  expect(data.at(-2)).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 5 } });
});

test('tool_use replies, whole and streamed with input_json_delta', async () => {
  const ask = {
    messages: [{ role: 'user', content: 'Weather in Oslo?' }],
    tools: [{ name: 'get_weather', description: 'weather', input_schema: { type: 'object' } }],
  };
  const body = await readJson(await messages(ask));
  expect(body.stop_reason).toBe('tool_use');
  expect(body.content).toEqual([
    { type: 'text', text: 'Let me look.' },
    { type: 'tool_use', id: 'toolu_scripted_0', name: 'get_weather', input: { city: 'Oslo' } },
  ]);

  const events = parseServerSentEvents(await (await messages({ ...ask, stream: true })).text());
  const data = events.map((event) => JSON.parse(event.data));
  const toolStart = data.find((item) => item.type === 'content_block_start' && item.index === 1);
  expect(toolStart.content_block).toEqual({
    type: 'tool_use',
    id: 'toolu_scripted_0',
    name: 'get_weather',
    input: {},
  });
  const json = data
    .filter((item) => item.type === 'content_block_delta' && item.index === 1)
    .map((item) => {
      expect(item.delta.type).toBe('input_json_delta');
      return item.delta.partial_json;
    })
    .join('');
  expect(JSON.parse(json)).toEqual({ city: 'Oslo' });
  expect(data.filter((item) => item.type === 'content_block_stop').map((item) => item.index)).toEqual([0, 1]);
  expect(data.at(-2).delta.stop_reason).toBe('tool_use');
});

test('a user turn holding only tool results has the role tool, so it is not the last user message', async () => {
  const body = await readJson(
    await messages({
      messages: [
        { role: 'user', content: 'Tell me a joke' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'get_weather', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'weather: 3C' }] },
      ],
    }),
  );
  // Had the tool result counted as the user's message, the /weather/ rule would have answered.
  expect(body.content).toEqual([{ type: 'text', text: 'Bonjour from Claude' }]);
  expect(server.requests().at(-1)?.rule).toBe(1);
});

test('a request without max_tokens is a 400 in Anthropic error shape, as the real API answers', async () => {
  const response = await fetch(`${server.url}/v1/messages`, {
    method: 'POST',
    body: JSON.stringify({ model: 'claude-sonnet-4-5', messages: [] }),
  });
  expect(response.status).toBe(400);
  expect(await readJson(response)).toEqual({
    type: 'error',
    error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
  });
});

test("GET /v1/models answers Anthropic callers in Anthropic's list shape", async () => {
  const response = await fetch(`${server.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } });
  expect(await readJson(response)).toMatchObject({
    data: [{ type: 'model', id: 'scripted-model' }],
    has_more: false,
  });
});
