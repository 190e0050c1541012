import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpToolConfig } from '../../catalog/files/http-tool-config.ts';
import { createHttpToolHandler, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './http-tool.ts';

const KEY = 'tool-signing-key-for-tests';

describe('HTTP tools', () => {
  let server: Server;
  let url: string;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        if (request.url === '/slow') return; // never answers
        if (request.url === '/broken') {
          response.writeHead(500).end('{}');
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"shipped"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const context = (signal = new AbortController().signal) => ({
    tool: 'lookup_order',
    prompt: 'support/assistant',
    runId: 'run-1',
    environment: null,
    callId: 'call_1',
    signal,
  });

  it('POSTs the arguments signed with HMAC-SHA256 over timestamp.body, and returns the JSON answer', async () => {
    const config = HttpToolConfig.parse({ url: `${url}/lookup`, secret_env: 'TOOL_KEY' });
    const handler = createHttpToolHandler('lookup_order', config, { TOOL_KEY: KEY });
    expect(await handler({ order_number: 'A1' }, context())).toEqual({ status: 'shipped' });
    const request = received.at(-1)!;
    expect(JSON.parse(request.body)).toEqual({
      tool: 'lookup_order',
      arguments: { order_number: 'A1' },
      run_id: 'run-1',
      prompt: 'support/assistant',
      call_id: 'call_1',
    });
    const timestamp = String(request.headers[TIMESTAMP_HEADER]);
    const expected = createHmac('sha256', KEY).update(`${timestamp}.${request.body}`).digest('hex');
    expect(request.headers[SIGNATURE_HEADER]).toBe(`sha256=${expected}`);
    // A different key gives a different signature: the tool can tell a forged request.
    expect(createHmac('sha256', 'other').update(`${timestamp}.${request.body}`).digest('hex')).not.toBe(
      expected,
    );
  });

  it('fails without its key, on an error status, and on its timeout', async () => {
    const config = (path: string) =>
      HttpToolConfig.parse({ url: `${url}${path}`, secret_env: 'TOOL_KEY', timeout_ms: 200 });
    await expect(createHttpToolHandler('t', config('/lookup'), {})({}, context())).rejects.toThrow(
      'TOOL_KEY is not set',
    );
    await expect(
      createHttpToolHandler('t', config('/broken'), { TOOL_KEY: KEY })({}, context()),
    ).rejects.toThrow('answered 500');
    await expect(
      createHttpToolHandler('t', config('/slow'), { TOOL_KEY: KEY })({}, context()),
    ).rejects.toThrow();
  });

  it.each([
    ['ftp://tools.example.com/x', 'a tool URL must use http or https'],
    ['https://user:pass@tools.example.com/x', 'must not carry credentials'],
    ['not a url', 'is not a URL'],
  ])('refuses the URL %s in promptops.yaml', (text, message) => {
    const parsed = HttpToolConfig.safeParse({ url: text, secret_env: 'TOOL_KEY' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });
});
