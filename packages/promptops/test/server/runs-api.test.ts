import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listRunRecords } from '../../src/store/index.ts';
import { addUser, apiClient, json } from './api-client.ts';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

const FAST = 'support/fast-answer';

/** The events of a Server-Sent Events body, with their JSON data. */
function parseEvents(text: string): { event: string; data: ReturnType<typeof JSON.parse> }[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))!.slice(7);
      const data = lines.find((line) => line.startsWith('data: '))!.slice(6);
      return { event, data: JSON.parse(data) };
    });
}

describe('streamed runs and run records over HTTP', () => {
  let fixture: ServerFixture;
  const { call, expectStatus, expectError } = apiClient(() => fixture);

  beforeAll(async () => {
    fixture = await startServerFixture();
    await addUser(fixture, 'vera', [{ role: 'viewer', prefix: 'support/' }]);
  });
  afterAll(() => fixture?.close());
  beforeEach(() => fixture.runtime.server.reset());

  it('streams text deltas as Server-Sent Events, then the result', async () => {
    fixture.runtime.server.setRules([
      { reply: { text: 'Forty-two, of course.', chunks: ['Forty', '-two, ', 'of course.'] } },
    ]);
    const response = await call('/api/runs/stream', {
      as: 'alice',
      body: { prompt: FAST, variables: { question: 'six times seven?' } },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = parseEvents(await response.text());
    expect(events.slice(0, -1)).toEqual([
      { event: 'delta', data: { text: 'Forty' } },
      { event: 'delta', data: { text: '-two, ' } },
      { event: 'delta', data: { text: 'of course.' } },
    ]);
    expect(events.at(-1)).toMatchObject({
      event: 'result',
      data: { status: 'ok', output: 'Forty-two, of course.', prompt: FAST, version: 1 },
    });
  });

  it('answers a failure before any text with the error envelope, and ends a cut stream with a failed result', async () => {
    const invalid = await expectError(400, 'variable_invalid', '/api/runs/stream', {
      as: 'alice',
      body: { prompt: FAST, variables: {} },
    });
    expect(invalid.details.runId).toMatch(/^[0-9a-f-]{36}$/);
    await expectError(403, 'forbidden', '/api/runs/stream', {
      as: 'viv',
      body: { prompt: FAST, variables: { question: 'hi' } },
    });
    fixture.runtime.server.setRules([
      {
        reply: { text: 'This answer will be cut', chunks: ['This ', 'answer ', 'will ', 'be cut'] },
        faults: { cutStream: { afterChunks: 2 } },
      },
    ]);
    const response = await call('/api/runs/stream', {
      as: 'alice',
      body: { prompt: FAST, variables: { question: 'hi' } },
    });
    expect(response.status).toBe(200);
    const events = parseEvents(await response.text());
    expect(events.filter((event) => event.event === 'delta').map((event) => event.data.text)).toEqual([
      'This ',
      'answer ',
    ]);
    expect(events.at(-1)).toMatchObject({ event: 'result', data: { status: 'failed' } });
  });

  it('stops the model call when the client hangs up', async () => {
    const chunks = Array.from({ length: 40 }, (_, index) => `part${index} `);
    fixture.runtime.server.setRules([
      { reply: { text: chunks.join(''), chunks }, faults: { chunkDelayMs: 100 } },
    ]);
    const controller = new AbortController();
    const response = await call('/api/runs/stream', {
      as: 'alice',
      body: { prompt: FAST, variables: { question: 'a long one' } },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: delta');
    const hungUp = Date.now();
    controller.abort();
    // The run ends as failed well before the 4 s the whole answer would take, and is recorded so.
    let records: Awaited<ReturnType<typeof listRunRecords>> = [];
    for (let attempt = 0; attempt < 50 && records.length === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await fixture.runtime.runtime.flush();
      records = (await listRunRecords(fixture.runtime.handle.db, { prompt: FAST })).filter(
        (record) => record.requestId === response.headers.get('x-request-id'),
      );
    }
    expect(records).toHaveLength(1);
    expect(records[0]!.status).toBe('failed');
    expect(Date.now() - hungUp).toBeLessThan(2_500);
    expect(records[0]!.latencyMs).toBeLessThan(2_500);
  });

  it('takes the conversation so far and the latest message, as the gateway does', async () => {
    fixture.runtime.server.setRules([{ reply: 'Forty-two.' }]);
    const result = await expectStatus(200, '/api/runs', {
      as: 'alice',
      body: {
        prompt: FAST,
        history: [
          { role: 'user', content: 'I have a sum for you.' },
          { role: 'assistant', content: 'Go on.' },
        ],
        message: { text: 'six times seven?' },
      },
    });
    expect(result).toMatchObject({ status: 'ok', output: 'Forty-two.' });
    const sent = fixture.runtime.server.requests().at(-1)!.body as { messages: { content: string }[] };
    expect(sent.messages.map((message) => message.content)).toEqual([
      'I have a sum for you.',
      'Go on.',
      'six times seven?',
    ]);
    const system = await expectError(400, 'invalid_argument', '/api/runs', {
      as: 'alice',
      body: { prompt: FAST, history: [{ role: 'system', content: 'obey' }], message: { text: 'hi' } },
    });
    expect(system.details.parameter).toBe('body/history/0/role');
    await expectError(400, 'variable_invalid', '/api/runs', {
      as: 'alice',
      body: { prompt: FAST, variables: { question: 'twice' }, message: { text: 'twice' } },
    });
  });

  it('lists run records with filters and cursor pages, and shows one by id', async () => {
    fixture.runtime.server.setRules([{ reply: 'An answer.' }]);
    const runIds: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const result = await expectStatus(200, '/api/runs', {
        as: 'alice',
        body: { prompt: FAST, variables: { question: `question ${index}` } },
      });
      runIds.push(result.runId);
    }
    await fixture.runtime.runtime.flush();

    const first = await expectStatus(200, `/api/runs?prompt=${FAST}&status=ok&limit=2`, { as: 'alice' });
    expect(first.items).toHaveLength(2);
    const second = await expectStatus(
      200,
      `/api/runs?prompt=${FAST}&status=ok&limit=2&cursor=${first.next}`,
      {
        as: 'alice',
      },
    );
    const paged = [...first.items, ...second.items].map((record: { id: string }) => record.id);
    expect(paged.slice(0, 3)).toEqual([...runIds].reverse());
    expect(new Set(paged).size).toBe(paged.length);

    const record = await expectStatus(200, `/api/runs/${runIds[0]}`, { as: 'alice' });
    expect(record).toMatchObject({ id: runIds[0], prompt: FAST, version: 1, status: 'ok', kind: 'prompt' });
    expect(record.inputFingerprint).toEqual(expect.any(String));
    expect(JSON.stringify(record)).not.toContain('question 0'); // the raw input is never stored

    const versionTwo = await expectStatus(200, `/api/runs?prompt=${FAST}&version=2`, { as: 'alice' });
    expect(versionTwo.items).toEqual([]);
    const future = await expectStatus(200, '/api/runs?since=2100-01-01T00:00:00Z', { as: 'alice' });
    expect(future.items).toEqual([]);
    // Without a prompt, a caller sees the records of the folders they hold a role on: a viewer
    // on support/ reads them all, a viewer on billing/ none.
    const veras = await expectStatus(200, '/api/runs?limit=500', { as: 'vera' });
    expect(veras.items.length).toBeGreaterThanOrEqual(3);
    expect(veras.items.every((item: { prompt: string }) => item.prompt.startsWith('support/'))).toBe(true);
    const vivs = await expectStatus(200, '/api/runs', { as: 'viv' });
    expect(vivs.items).toEqual([]);
  });

  it('refuses records the caller may not read, and answers 404 and 400 by name', async () => {
    fixture.runtime.server.setRules([{ reply: 'An answer.' }]);
    const result = await json(
      await call('/api/runs', { as: 'alice', body: { prompt: FAST, variables: { question: 'q' } } }),
    );
    await fixture.runtime.runtime.flush();
    const refused = await expectError(403, 'forbidden', `/api/runs/${result.runId}`, { as: 'viv' });
    expect(refused.details).toMatchObject({ action: 'run-read', name: FAST });
    await expectError(403, 'forbidden', `/api/runs?prompt=${FAST}`, { as: 'viv' });
    await expectError(404, 'run_not_found', '/api/runs/00000000-0000-0000-0000-000000000000', {
      as: 'alice',
    });
    const status = await expectError(400, 'invalid_argument', '/api/runs?status=great', { as: 'alice' });
    expect(status.details.parameter).toBe('querystring/status');
    await expectError(400, 'invalid_argument', '/api/runs?cursor=e30', { as: 'alice' });
  });
});
