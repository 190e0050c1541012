import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startScriptedModelServer } from '../../testing/index.ts';
import { createAnthropicMessagesProvider } from './anthropic-messages-provider.ts';
import { createOpenAiChatProvider } from './openai-chat-provider.ts';
import type { ModelProvider } from './provider.ts';
import { ProviderFailure } from './provider-failure.ts';

/** Behaviour of the HTTP adapters the contract suite cannot see: connections, headers, URLs, config timeouts. */

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
}

async function rawServer(handle: (request: IncomingMessage, response: ServerResponse) => void) {
  const seen: Seen[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    seen.push({ path: request.url ?? '', headers: request.headers });
    request.resume().on('end', () => handle(request, response));
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  onTestFinished(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url, seen, connections: () => connections };
}

const OPENAI_BODY = JSON.stringify({
  id: 'chatcmpl-1',
  model: 'm',
  choices: [{ message: { content: 'ok' }, finish_reason: 'stop' }],
});
const OPENAI_STREAM =
  'data: {"choices":[{"delta":{"content":"ok"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n';

function answerOpenAi(request: IncomingMessage, response: ServerResponse): void {
  const streaming = request.headers.accept === 'text/event-stream';
  response.writeHead(200, { 'content-type': streaming ? 'text/event-stream' : 'application/json' });
  if (!streaming) return void response.end(OPENAI_BODY);
  // The closing chunk comes a moment after [DONE], as it can over a real network.
  response.write(OPENAI_STREAM);
  setTimeout(() => response.end(), 20);
}

function closeAfter(provider: ModelProvider): ModelProvider {
  onTestFinished(() => provider.close?.());
  return provider;
}

const ask = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('HTTP adapters', () => {
  it('reuse one keep-alive connection across calls, streamed ones included', async () => {
    const server = await rawServer(answerOpenAi);
    const provider = closeAfter(createOpenAiChatProvider({ name: 'local', baseUrl: server.url }));
    for (let round = 0; round < 5; round += 1) {
      await provider.generate(ask);
      for await (const _part of provider.stream(ask)) {
        // read to the end
      }
    }
    // undici frees a connection a tick after its body ends, so a call right behind another may open a
    // second one; a stream that closed its socket would open one per call.
    expect(server.connections()).toBeLessThanOrEqual(2);
  });

  it('an abandoned stream frees its connection and the next call still works', async () => {
    const server = await rawServer(answerOpenAi);
    const provider = closeAfter(createOpenAiChatProvider({ name: 'local', baseUrl: server.url }));
    for await (const part of provider.stream(ask)) {
      expect(part.type).toBe('text-delta');
      break;
    }
    expect((await provider.generate(ask)).text).toBe('ok');
  });

  it('keep the base URL path and query (Azure deployments) and send no Authorization without a key', async () => {
    const server = await rawServer(answerOpenAi);
    const baseUrl = `${server.url}/openai/deployments/gpt4o?api-version=2024-10-21`;
    const provider = closeAfter(
      createOpenAiChatProvider({ name: 'azure', baseUrl, headers: () => ({ 'api-key': 'azure-key' }) }),
    );
    await provider.generate(ask);
    expect(server.seen[0]?.path).toBe('/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21');
    expect(server.seen[0]?.headers['api-key']).toBe('azure-key');
    expect(server.seen[0]?.headers.authorization).toBeUndefined();
  });

  it('send the key the way each protocol wants it, read when the call is made', async () => {
    const server = await rawServer((_request, response) => response.writeHead(500).end());
    let key = 'first-key';
    const openai = closeAfter(
      createOpenAiChatProvider({ name: 'o', baseUrl: server.url, apiKey: () => key }),
    );
    const anthropic = closeAfter(
      createAnthropicMessagesProvider({ name: 'a', baseUrl: server.url, apiKey: 'sk-ant' }),
    );
    await openai.generate(ask).catch(() => undefined);
    key = 'rotated-key';
    await openai.generate(ask).catch(() => undefined);
    await anthropic.generate(ask).catch(() => undefined);
    expect(server.seen.map((request) => request.headers.authorization)).toEqual([
      'Bearer first-key',
      'Bearer rotated-key',
      undefined,
    ]);
    expect(server.seen[2]).toMatchObject({
      path: '/v1/messages',
      headers: { 'x-api-key': 'sk-ant', 'anthropic-version': '2023-06-01' },
    });
  });

  it('scrub the key from a provider message that echoes it', async () => {
    const key = 'sk-live-abcdefghijklmnop';
    const server = await rawServer((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${key}` } }));
    });
    const provider = closeAfter(createOpenAiChatProvider({ name: 'o', baseUrl: server.url, apiKey: key }));
    const error = await provider.generate(ask).catch((caught: unknown) => caught);
    expect(ProviderFailure.isFailure(error)).toBe(true);
    expect((error as Error).message).toBe(
      'o (model m): not authorised (check the API key) (HTTP 401): Incorrect API key provided: [api key]',
    );
  });

  it('honour Retry-After as an HTTP date and OpenAI retry-after-ms', async () => {
    const later = new Date(Date.now() + 30_000).toUTCString();
    const headers = [{ 'retry-after': later }, { 'retry-after-ms': '1500', 'retry-after': '9' }];
    let index = 0;
    const server = await rawServer((_request, response) =>
      response.writeHead(429, headers[index++]).end('{}'),
    );
    const provider = closeAfter(createOpenAiChatProvider({ name: 'o', baseUrl: server.url }));
    const first = (await provider.generate(ask).catch((caught: unknown) => caught)) as ProviderFailure;
    const second = (await provider.generate(ask).catch((caught: unknown) => caught)) as ProviderFailure;
    expect(first.failure.retryAfterMs).toBeGreaterThan(25_000);
    expect(first.failure.retryAfterMs).toBeLessThanOrEqual(30_000);
    expect(second.failure.retryAfterMs).toBe(1500);
  });

  it('a JSON answer to a stream request is a bad response with its message', async () => {
    const server = await rawServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'streaming is not supported by this proxy' }));
    });
    const provider = closeAfter(createOpenAiChatProvider({ name: 'proxy', baseUrl: server.url }));
    const error = await (async () => {
      for await (const _part of provider.stream(ask)) {
        // none expected
      }
    })().catch((caught: unknown) => caught as ProviderFailure);
    expect(error?.failure.kind).toBe('bad-response');
    expect(error?.message).toContain('streaming is not supported by this proxy');
  });

  it('time out by the configured timeout when the provider never answers', async () => {
    const server = await startScriptedModelServer({ rules: [{ reply: 'x', faults: { hang: true } }] });
    onTestFinished(() => server.close());
    const provider = closeAfter(
      createAnthropicMessagesProvider({ name: 'slow', baseUrl: server.anthropicBaseUrl, timeoutMs: 150 }),
    );
    const error = (await provider.generate(ask).catch((caught: unknown) => caught)) as ProviderFailure;
    expect(error.failure.kind).toBe('timeout');
    expect(error.message).toContain('no response within the timeout');
  });

  it('time out when a stream stalls between events for longer than the timeout', async () => {
    const server = await startScriptedModelServer({
      // A stall far past the timeout: undici checks body timeouts on a coarse timer, and CI is busy.
      rules: [{ reply: 'one two three', faults: { chunkDelayMs: 5_000 } }],
    });
    onTestFinished(() => server.close());
    const provider = closeAfter(
      createOpenAiChatProvider({ name: 'slow', baseUrl: server.openaiBaseUrl, timeoutMs: 150 }),
    );
    const parts: string[] = [];
    const error = await (async () => {
      for await (const part of provider.stream(ask)) parts.push(part.type);
    })().catch((caught: unknown) => caught);
    expect((error as ProviderFailure).failure.kind).toBe('timeout');
    expect(parts).toEqual(['text-delta']);
  });
});
