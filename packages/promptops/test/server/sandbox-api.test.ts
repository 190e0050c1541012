import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { addUser, apiClient } from './api-client.ts';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

const PROMPT = 'support/sandboxed';

/** A prompt whose every live run keeps its redacted input (sampling rate 1). */
const content = (template: string) => ({
  description: 'Answers in one line; every live run is sampled.',
  owner: 'platform',
  risk: 'low',
  classification: 'internal',
  variables: { type: 'object', required: ['question'], properties: { question: { type: 'string' } } },
  messages: [{ role: 'user', content: template }],
  model: { id: 'openai/gpt-4o-mini', params: { max_tokens: 50 } },
  sampling: { rate: 1 },
});

describeEachDatabase('sandbox replay over HTTP', (database) => {
  let fixture: ServerFixture;
  const { expectStatus, expectError } = apiClient(() => fixture);

  beforeAll(async () => {
    fixture = await startServerFixture({ database: () => database.open() });
    await addUser(fixture, 'vera', [{ role: 'viewer', prefix: 'support/' }]);
    const { catalog, runtime, server } = fixture.runtime;
    await catalog.saveVersion(
      { actor: 'test' },
      {
        kind: 'prompt',
        name: PROMPT,
        content: content('{{ question }}'),
        parentVersion: null,
        message: 'v1',
      },
    );
    await catalog.ensureEnvironments({ actor: 'test' }, ['production']);
    await catalog.moveLabel(
      { actor: 'test' },
      { kind: 'prompt', name: PROMPT, version: 1, environment: 'production' },
    );
    server.setRules([{ reply: (request) => `Answer to ${request.lastUserMessage}` }]);
    for (const question of ['a', 'b', 'c']) {
      await runtime.run(PROMPT, { question }, { environment: 'production' });
    }
    await runtime.flush();
  }, 60_000);
  afterAll(() => fixture?.close());

  it("replays an author's draft over the production runs: pairs and summary, 200", async () => {
    const replay = await expectStatus(200, '/api/sandbox/replay', {
      as: 'alice',
      body: {
        prompt: PROMPT,
        draft: { content: content('Q: {{ question }}') },
        from: { environment: 'production', limit: 10 },
      },
    });
    expect(replay).toMatchObject({
      prompt: PROMPT,
      environment: 'production',
      version: null,
      actor: 'user:alice',
    });
    expect(replay.items).toHaveLength(3);
    expect(replay.items.map((item: { draft: { output: string } }) => item.draft.output).sort()).toEqual([
      'Answer to Q: a',
      'Answer to Q: b',
      'Answer to Q: c',
    ]);
    expect(replay.items[0]).toMatchObject({
      live: { status: 'ok', version: 1 },
      draft: { status: 'ok' },
      changed: true,
    });
    expect(replay.summary).toMatchObject({
      replayed: 3,
      skipped: 0,
      changed: 3,
      statusChanges: [],
      aborted: false,
    });
    expect(replay.skipped).toEqual([]);

    // The caller's sandbox history lists the three draft runs; another person's does not.
    await fixture.runtime.runtime.flush();
    const mine = await expectStatus(200, `/api/sandbox/runs?prompt=${PROMPT}`, { as: 'alice' });
    expect(mine.items).toHaveLength(3);
    expect(mine.items[0]).toMatchObject({
      environment: 'sandbox',
      arm: 'draft',
      metadata: { sandbox: 'user:alice' },
    });
    const admins = await expectStatus(200, `/api/sandbox/runs?prompt=${PROMPT}`, { as: 'admin' });
    expect(admins.items).toEqual([]);
    const paged = await expectStatus(200, `/api/sandbox/runs?prompt=${PROMPT}&actor=user:alice&limit=2`, {
      as: 'vera',
    });
    expect(paged.items).toHaveLength(2);
    expect(paged.next).toEqual(expect.any(String));
    // Production's run stats still count the three live runs only.
    const stats = await expectStatus(200, `/api/runs/stats?prompt=${PROMPT}`, { as: 'alice' });
    expect(stats.totals.reduce((total: number, point: { runs: number }) => total + point.runs, 0)).toBe(3);
  });

  it('replays a saved version by number', async () => {
    const replay = await expectStatus(200, '/api/sandbox/replay', {
      as: 'alice',
      body: { prompt: PROMPT, version: 1, from: { environment: 'production', limit: 2 } },
    });
    expect(replay).toMatchObject({ version: 1, summary: { replayed: 2, changed: 0 } });
  });

  it('refuses a viewer with 403, and calls no model', async () => {
    fixture.runtime.server.reset();
    const refused = await expectError(403, 'forbidden', '/api/sandbox/replay', {
      as: 'vera',
      body: { prompt: PROMPT, version: 1, from: { environment: 'production', limit: 2 } },
    });
    expect(refused.message).toContain('author');
    expect(fixture.runtime.server.requests()).toHaveLength(0);
  });

  it('answers bad input with 400 naming the parameter', async () => {
    const tooMany = await expectError(400, 'invalid_argument', '/api/sandbox/replay', {
      as: 'alice',
      body: { prompt: PROMPT, version: 1, from: { environment: 'production', limit: 500 } },
    });
    expect(tooMany.details.parameter).toBe('body/from/limit');
    const neither = await expectError(400, 'invalid_argument', '/api/sandbox/replay', {
      as: 'alice',
      body: { prompt: PROMPT, from: { environment: 'production' } },
    });
    expect(neither.details.parameter).toBe('draft');
    const badDraft = await expectError(400, 'invalid_argument', '/api/sandbox/replay', {
      as: 'alice',
      body: {
        prompt: PROMPT,
        draft: { content: { ...content('{{ question }}'), model: { id: 'no-slash' } } },
        from: { environment: 'production' },
      },
    });
    expect(badDraft.message).toContain('model.id');
    await expectError(400, 'invalid_argument', '/api/sandbox/runs', { as: 'alice' });
  });
});
