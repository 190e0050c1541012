import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerFixture, startServerFixture } from '../../promptops/test/server/server-fixture.ts';
import { type ClientOptions, createClient, type FetchFunction, PromptopsClientError } from '../src/index.ts';

const FAST = 'support/fast-answer';
const actor = { actor: 'test' };

interface Sent {
  url: string;
  ifNoneMatch: string | null;
  status?: number;
}

/**
 * getPrompt's cache against a real server. The client's clock is a variable the tests move, so TTLs
 * expire without waiting; every request the client makes goes through a fetch that writes it down.
 */
describe('@promptops/client getPrompt: cache, stale-while-revalidate, last-known-good, snapshot', () => {
  let fixture: ServerFixture;
  let killed = false;
  let folder: string;
  let time = 1_000_000;
  const sent: Sent[] = [];
  const errors: Error[] = [];

  const recordingFetch: FetchFunction = async (input, init) => {
    const request: Sent = {
      url: String(input),
      ifNoneMatch: new Headers(init?.headers).get('if-none-match'),
    };
    sent.push(request);
    const response = await fetch(input, init);
    request.status = response.status;
    return response;
  };
  const sentTo = (fragment: string) => sent.filter((request) => request.url.includes(fragment));

  const clientFor = (baseUrl: string, cache: ClientOptions['cache'], user = 'alice') =>
    createClient({
      baseUrl,
      token: fixture.tokens.get(user)!,
      fetch: recordingFetch,
      now: () => time,
      onError: (error) => void errors.push(error),
      cache,
    });

  async function failure(call: () => Promise<unknown>): Promise<PromptopsClientError> {
    try {
      await call();
    } catch (error) {
      expect(PromptopsClientError.isInstance(error), String(error)).toBe(true);
      return error as PromptopsClientError;
    }
    throw new Error('expected the call to fail');
  }

  /** Saves a new version of FAST with this template and serves it in production. */
  async function deploy(template: string): Promise<number> {
    const head = await fixture.runtime.catalog.resolve('prompt', FAST, { latest: true });
    const content = head.content as { messages: { role: string; content: string }[] };
    const saved = await fixture.runtime.catalog.saveVersion(actor, {
      kind: 'prompt',
      name: FAST,
      content: { ...content, messages: [{ role: 'user', content: template }] },
      parentVersion: head.version,
      message: 'client cache test',
    });
    await fixture.runtime.catalog.moveLabel(actor, {
      kind: 'prompt',
      name: FAST,
      environment: 'production',
      version: saved.version,
    });
    return saved.version;
  }

  beforeAll(async () => {
    fixture = await startServerFixture();
    folder = await mkdtemp(join(tmpdir(), 'promptops-client-'));
    await fixture.runtime.catalog.moveLabel(actor, {
      kind: 'prompt',
      name: FAST,
      environment: 'production',
      version: 1,
    });
  });
  afterAll(async () => {
    await (killed ? fixture?.runtime.close() : fixture?.close());
    await rm(folder, { recursive: true, force: true });
  });

  it('serves a prompt from memory within its TTL, and a pinned version for good', async () => {
    const client = clientFor(fixture.url, { ttlMs: 1_000 });
    const first = await client.getPrompt(FAST);
    expect(first).toMatchObject({ source: 'server', stale: false, prompt: { name: FAST, version: 1 } });
    expect(first.prompt.content.messages?.[0]?.content).toBe('{{ question }}');
    expect(first.prompt.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.artifact.deployments).toContainEqual(
      expect.objectContaining({ environment: 'production', stableVersion: 1 }),
    );

    const before = sentTo('fast-answer').length;
    time += 500;
    expect(await client.getPrompt(FAST)).toMatchObject({ source: 'cache', stale: false });
    expect(sentTo('fast-answer')).toHaveLength(before);

    expect(await client.getPrompt(FAST, { version: 1 })).toMatchObject({ source: 'server' });
    time += 30 * 86_400_000;
    expect(await client.getPrompt(FAST, { version: 1 })).toMatchObject({ source: 'cache', stale: false });
    expect(sentTo('fast-answer')).toHaveLength(before + 1);
  });

  it('serves a stale version to concurrent callers while exactly one refresh runs, then the new one', async () => {
    const client = clientFor(fixture.url, { ttlMs: 1_000, staleWhileRevalidate: true });
    const first = await client.getPrompt(FAST, { environment: 'production' });
    const served = first.prompt.version;
    const version = await deploy('Answer in one line: {{ question }}');
    expect(version).toBeGreaterThan(served);

    time += 5_000;
    const before = sentTo('environment=production').length;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => client.getPrompt(FAST, { environment: 'production' })),
    );
    for (const answer of answers) {
      expect(answer).toMatchObject({ source: 'cache', stale: true, prompt: { version: served } });
    }
    await client.flush();
    expect(sentTo('environment=production')).toHaveLength(before + 1);

    const fresh = await client.getPrompt(FAST, { environment: 'production' });
    expect(fresh).toMatchObject({ source: 'cache', stale: false, prompt: { version } });
    expect(fresh.prompt.content.messages?.[0]?.content).toBe('Answer in one line: {{ question }}');
  });

  it('past the stale window, callers wait for one shared refresh that revalidates by ETag', async () => {
    const client = clientFor(fixture.url, { ttlMs: 1_000, staleWhileRevalidate: false });
    const first = await client.getPrompt(FAST, { environment: 'production' });
    time += 5_000;
    const before = sentTo('environment=production').length;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => client.getPrompt(FAST, { environment: 'production' })),
    );
    for (const answer of answers) {
      expect(answer).toMatchObject({ source: 'server', stale: false, prompt: first.prompt });
    }
    const refreshes = sentTo('environment=production').slice(before);
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]).toMatchObject({ ifNoneMatch: expect.stringMatching(/^"[\w-]{43}"$/), status: 304 });
  });

  it('throws the server’s answers about the prompt as typed errors', async () => {
    const client = clientFor(fixture.url, { ttlMs: 1_000 });
    expect(await failure(() => client.getPrompt('support/no-such-prompt'))).toMatchObject({
      code: 'prompt_not_found',
      status: 404,
    });
    expect(await failure(() => client.getPrompt(FAST, { environment: 'staging' }))).toMatchObject({
      code: 'environment_not_found',
      status: 404,
    });
    expect(await failure(() => client.getPrompt(FAST, { version: 999 }))).toMatchObject({
      code: 'version_not_found',
    });
    const viv = clientFor(fixture.url, { ttlMs: 1_000 }, 'viv');
    expect(await failure(() => viv.getPrompt(FAST))).toMatchObject({ code: 'forbidden', status: 403 });
    const controller = new AbortController();
    controller.abort();
    expect(
      await failure(() => client.getPrompt('support/assistant', { signal: controller.signal })),
    ).toMatchObject({ code: 'aborted' });
  });

  it('serves the last-known-good version while the server answers 5xx, and recovers', async () => {
    // A proxy in front of the real server that can be switched to answer as a server whose
    // database is down does: 503 with the error envelope.
    let failing = false;
    const proxy: Server = createServer((request, response) => {
      if (failing) {
        response.writeHead(503, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            error: { code: 'database_error', message: 'the database is down', details: {}, requestId: 'p-1' },
          }),
        );
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'if-none-match', 'accept']) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      fetch(`${fixture.url}${request.url}`, { headers }).then(async (answer) => {
        response.writeHead(answer.status, {
          'content-type': answer.headers.get('content-type') ?? 'application/json',
          ...(answer.headers.get('etag') && { etag: answer.headers.get('etag')! }),
        });
        response.end(await answer.text());
      });
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => proxy.once('listening', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const client = clientFor(proxyUrl, {
        ttlMs: 1_000,
        staleWhileRevalidate: 2_000,
        failureBackoffMs: 5_000,
      });
      const good = await client.getPrompt(FAST, { environment: 'production' });
      failing = true;

      // Within the stale window: served at once, the background refresh fails and is reported.
      time += 1_500;
      errors.length = 0;
      expect(await client.getPrompt(FAST, { environment: 'production' })).toMatchObject({
        source: 'cache',
        stale: true,
      });
      await client.flush();
      expect(errors.map((error) => (error as PromptopsClientError).code)).toEqual(['database_error']);

      // Then it says so, and does not ask the failing server again within the back-off.
      const before = sentTo(proxyUrl).length;
      const fallback = await client.getPrompt(FAST, { environment: 'production' });
      expect(fallback).toMatchObject({ source: 'last-known-good', stale: true, prompt: good.prompt });
      expect(fallback.error).toMatchObject({ code: 'database_error', status: 503 });
      expect(sentTo(proxyUrl)).toHaveLength(before);

      // Past the window and the back-off: the caller's own attempt fails, and it still gets the version.
      time += 10_000;
      const later = await client.getPrompt(FAST, { environment: 'production' });
      expect(later).toMatchObject({ source: 'last-known-good', stale: true, prompt: good.prompt });
      expect(sentTo(proxyUrl)).toHaveLength(before + 1);

      failing = false;
      time += 10_000;
      expect(await client.getPrompt(FAST, { environment: 'production' })).toMatchObject({
        source: 'server',
        stale: false,
      });
      expect(sentTo(proxyUrl).at(-1)?.status).toBe(304);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  // Kills the server: keep it last.
  it('writes a snapshot, serves last-known-good when the server is killed, and starts cold from the snapshot', async () => {
    const snapshotFile = join(folder, 'cache', 'prompts.json');
    const client = clientFor(fixture.url, { ttlMs: 1_000, staleWhileRevalidate: false, snapshotFile });
    const production = await client.getPrompt(FAST, { environment: 'production' });
    await client.getPrompt('support/assistant');
    const pinned = await client.getPrompt(FAST, { version: 1 });
    await client.flush();

    const snapshot = JSON.parse(await readFile(snapshotFile, 'utf8'));
    expect(snapshot).toMatchObject({ format: 'promptops-client-snapshot/1', baseUrl: fixture.url });
    expect(Object.keys(snapshot.entries).sort()).toEqual([
      'support/assistant',
      `${FAST}#1`,
      `${FAST}@production`,
    ]);
    const text = await readFile(snapshotFile, 'utf8');
    for (const token of fixture.tokens.values()) expect(text).not.toContain(token);
    expect(await readdir(join(folder, 'cache'))).toEqual(['prompts.json']); // no temporary file left

    await fixture.server.close();
    killed = true;
    time += 60_000;
    const fallback = await client.getPrompt(FAST, { environment: 'production' });
    expect(fallback).toMatchObject({ source: 'last-known-good', stale: true, prompt: production.prompt });
    expect(fallback.error).toMatchObject({ code: 'network_error', status: null });

    // A new process: nothing in memory, the server down, the snapshot on disk.
    const cold = clientFor(fixture.url, { ttlMs: 1_000, snapshotFile });
    const fromSnapshot = await cold.getPrompt(FAST, { environment: 'production' });
    expect(fromSnapshot).toMatchObject({ source: 'snapshot', stale: true, prompt: production.prompt });
    expect(fromSnapshot.error?.code).toBe('network_error');
    expect(fromSnapshot.fetchedAt.getTime()).toBe(production.fetchedAt.getTime());
    // A pinned version from the snapshot is still said to come from there, every time.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect(await cold.getPrompt(FAST, { version: 1 })).toMatchObject({
        source: 'snapshot',
        stale: true,
        prompt: pinned.prompt,
      });
    }
    expect(await failure(() => cold.getPrompt('support/classify-intent'))).toMatchObject({
      code: 'network_error',
    });
    // A snapshot of another server is not used for this one.
    const elsewhere = clientFor('http://127.0.0.1:1', { ttlMs: 1_000, snapshotFile });
    errors.length = 0;
    await failure(() => elsewhere.getPrompt(FAST, { environment: 'production' }));
    expect(errors.map((error) => error.message).join('\n')).toContain('not http://127.0.0.1:1');
  });
});
