import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run-command.ts';
import { useCliScratch } from './use-cli-scratch.ts';

const SCRIPT = `
rules:
  - match: {}
    reply: { json: { intent: billing, confidence: 0.9, entities: {} } }
`;
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const TRACEPARENT = `00-${TRACE_ID}-b7ad6b7169203331-01`;
const SPAN_NAMES = ['POST /v1/chat/completions', 'chat gpt-4o-mini', 'run support/classify-intent'];

interface OtlpSpan {
  traceId: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[];
  }[];
}
interface Post {
  path: string;
  contentType: string;
  key?: string;
  body: Buffer;
}

/** A stand-in OTLP/HTTP collector on 127.0.0.1: keeps what is posted to it. */
async function startReceiver() {
  const posts: Post[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    posts.push({
      path: request.url ?? '',
      contentType: String(request.headers['content-type']),
      key: request.headers['x-collector-key'] as string | undefined,
      body: Buffer.concat(chunks),
    });
    response.writeHead(200, { 'content-type': String(request.headers['content-type']) }).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, posts, close: () => server.close() };
}

describe('promptops serve with OTEL_TRACES_EXPORTER=otlp', () => {
  const scratch = useCliScratch('serve-traces', { push: true });
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let token: string;
  beforeAll(async () => {
    receiver = await startReceiver();
    await writeFile(join(scratch.project, 'fast.yaml'), SCRIPT);
    const created = await scratch.run('users', 'create', 'admin', '--json');
    token = JSON.parse(created.stdout).token as string;
  });
  afterAll(() => receiver?.close());

  /** Serves with these OTEL_* variables, sends one gateway request in a trace, stops (which flushes). */
  async function serveOneRequest(otel: Record<string, string>): Promise<{ stderr: string; posts: Post[] }> {
    receiver.posts.length = 0;
    const stop = new AbortController();
    let stderr = '';
    let announced: (url: string) => void;
    const listening = new Promise<string>((resolve) => {
      announced = resolve;
    });
    const exited = runCommand(['serve', '--port', '0', '--scripted-model', 'fast.yaml'], {
      cwd: scratch.project,
      env: { PROMPTOPS_DATA_DIR: scratch.dataDir, ...otel },
      signal: stop.signal,
      stdout: () => {},
      stderr: (text) => {
        stderr += text;
        const match = /promptops serving (http:\/\/\S+)/.exec(stderr);
        if (match) announced(match[1]!);
      },
    });
    const url = await Promise.race([listening, exited.then((code) => `exited ${code}: ${stderr}`)]);
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        traceparent: TRACEPARENT,
      },
      body: JSON.stringify({
        model: 'prompt:support/classify-intent',
        messages: [{ role: 'user', content: 'I was charged twice' }],
      }),
    });
    expect(response.status).toBe(200);
    stop.abort(new Error('SIGTERM'));
    expect(await exited).toBe(0);
    return { stderr, posts: receiver.posts.filter((post) => post.path === '/v1/traces') };
  }

  it('sends OTLP/HTTP JSON: the request, run and model-call spans in the caller trace', async () => {
    const { stderr, posts } = await serveOneRequest({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=not-a-real-secret',
      OTEL_SERVICE_NAME: 'promptops-under-test',
    });
    expect(stderr).toContain(`traces (OpenTelemetry) go to ${receiver.url}/v1/traces (OTLP http/json)`);
    expect(stderr).not.toContain('not-a-real-secret');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts[0]!.contentType).toContain('application/json');
    expect(posts[0]!.key).toBe('not-a-real-secret');
    const exports = posts.map((post) => JSON.parse(post.body.toString('utf8')) as OtlpExport);
    const resources = exports.flatMap((body) => body.resourceSpans);
    const serviceNames = resources.map(
      (entry) =>
        entry.resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue,
    );
    expect(new Set(serviceNames)).toEqual(new Set(['promptops-under-test']));
    const spans = resources.flatMap((entry) => entry.scopeSpans.flatMap((scope) => scope.spans));
    const inTrace = spans.filter((span) => span.traceId.toLowerCase() === TRACE_ID);
    expect(inTrace.map((span) => span.name).sort()).toEqual([...SPAN_NAMES].sort());
    const call = inTrace.find((span) => span.name === 'chat gpt-4o-mini')!;
    expect(call.attributes.find((attribute) => attribute.key === 'gen_ai.provider.name')?.value).toEqual({
      stringValue: 'openai',
    });
    expect(JSON.stringify(exports)).not.toContain('charged twice');
  });

  it('sends OTLP/HTTP protobuf by default, to the traces endpoint as given', async () => {
    const { stderr, posts } = await serveOneRequest({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`,
    });
    expect(stderr).toContain(`traces (OpenTelemetry) go to ${receiver.url}/v1/traces (OTLP http/protobuf)`);
    expect(posts.length).toBeGreaterThan(0);
    expect(posts[0]!.contentType).toBe('application/x-protobuf');
    // Protobuf keeps strings as UTF-8 and trace ids as 16 raw bytes: both are found in the body.
    const body = Buffer.concat(posts.map((post) => post.body));
    expect(body.includes(Buffer.from(TRACE_ID, 'hex'))).toBe(true);
    for (const name of [...SPAN_NAMES, 'promptops']) expect(body.includes(Buffer.from(name))).toBe(true);
    expect(body.includes(Buffer.from('charged twice'))).toBe(false);
  });
});
