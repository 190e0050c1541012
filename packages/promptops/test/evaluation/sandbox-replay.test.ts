import { afterAll, beforeAll, expect, it } from 'vitest';
import { listSandboxRuns, replayTraffic } from '../../src/evaluation/sandbox/index.ts';
import type { Principal } from '../../src/governance/access/index.ts';
import type { Runtime } from '../../src/runtime/create-runtime.ts';
import {
  type DatabaseHandle,
  findRunRecord,
  listRunRecords,
  listRunSamples,
  listToolCalls,
  runStats,
} from '../../src/store/index.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { rejection } from '../support/rejection.ts';
import { openSamplingFixture, type SamplingFixture, sampledPrompt } from './sampling-fixture.ts';

const author: Principal = {
  actor: 'user:ada',
  userId: null,
  grants: [{ role: 'author', prefix: 'support/' }],
};
const otherAuthor: Principal = { actor: 'user:bo', userId: null, grants: [{ role: 'author', prefix: '' }] };
const viewer: Principal = { actor: 'user:viv', userId: null, grants: [{ role: 'viewer', prefix: '' }] };
const PROMPT = 'support/replayed';

/** The live version's content with a new instruction in front of the question. */
const reworded = () => ({
  ...sampledPrompt(0),
  messages: [{ role: 'user', content: 'Briefly: {{ question }}' }],
});

describeEachDatabase('sandbox replay of live traffic through a draft', (database) => {
  let handle: DatabaseHandle;
  let fixture: SamplingFixture;
  let runtime: Runtime;
  const deps = () => ({ db: handle.db, catalog: fixture.catalog, runtime });

  beforeAll(async () => {
    handle = await database.open();
    fixture = await openSamplingFixture(handle);
    // v1 keeps every live run's input (rate 1); v2 keeps none.
    await fixture.savePrompt(PROMPT, [1, 0]);
    await fixture.catalog.ensureEnvironments({ actor: 'test' }, ['production']);
    await fixture.catalog.moveLabel(
      { actor: 'test' },
      { kind: 'prompt', name: PROMPT, version: 1, environment: 'production' },
    );
    runtime = await fixture.runtime();
    for (let index = 0; index < 6; index++) {
      await runtime.run(PROMPT, { question: `question ${index}` }, { environment: 'production' });
    }
    // Served pinned to v2 in production: recorded there, but with no input to replay.
    for (let index = 0; index < 2; index++) {
      await runtime.run(PROMPT, { question: `unkept ${index}` }, { environment: 'production', version: 2 });
    }
    // The editor's Try it under production: a draft, never traffic to replay.
    await runtime.run(
      PROMPT,
      { question: 'tried' },
      { environment: 'production', draft: { content: reworded() } },
    );
    await runtime.flush();
  });
  afterAll(async () => {
    await fixture.close();
    await handle.close();
  });

  it('replays the newest live runs that kept their input through the draft, pair by pair, and counts the others as skipped', async () => {
    const replay = await replayTraffic(deps(), author, {
      prompt: PROMPT,
      draft: { content: reworded() },
      from: { environment: 'production', limit: 4 },
    });
    expect(replay).toMatchObject({
      prompt: PROMPT,
      environment: 'production',
      version: null,
      actor: 'user:ada',
    });
    expect(replay.items).toHaveLength(4);
    // The four newest kept runs: questions 5 to 2, and the draft's answer to the same (redacted) input.
    const questions = replay.items.map((item) => item.live.output);
    expect(questions.sort()).toEqual([2, 3, 4, 5].map((index) => `Happy to help with question ${index}.`));
    for (const item of replay.items) {
      const index = item.live.output!.match(/question (\d)/)![1];
      expect(item).toMatchObject({
        live: { status: 'ok', version: 1, model: 'openai/gpt-4o-mini' },
        draft: { status: 'ok', version: null, output: `Happy to help with Briefly: question ${index}.` },
        changed: true,
      });
      expect(item.draft.inputTokens).toBeGreaterThan(item.live.inputTokens!);
      expect(item.draft.cost).toBeGreaterThan(0);
    }
    // The v2 runs kept nothing; they ran after the replayed span began, so they are counted.
    expect(replay.skipped).toEqual([
      { reason: expect.stringContaining('input not kept'), count: 2, runIds: [] },
    ]);
    expect(replay.summary).toMatchObject({
      replayed: 4,
      skipped: 2,
      changed: 4,
      statusChanges: [],
      aborted: false,
    });
    expect(replay.summary.draft.meanInputTokens).toBeGreaterThan(replay.summary.live.meanInputTokens!);
    expect(replay.summary.live.totalCost).toBeGreaterThan(0);
    expect(replay.summary.draft.p50LatencyMs).toBeGreaterThan(0);

    // The draft runs are the sandbox's: recorded under it with the actor and the replayed run, never sampled.
    await runtime.flush();
    const record = await findRunRecord(handle.db, replay.items[0]!.draft.runId);
    expect(record).toMatchObject({
      environment: 'sandbox',
      arm: 'draft',
      version: null,
      redactedInput: null,
      metadata: { sandbox: 'user:ada', replay_of: replay.items[0]!.live.runId },
    });
    const samples = await listRunSamples(handle.db, { prompt: PROMPT, limit: 100 });
    const draftIds = new Set(replay.items.map((item) => item.draft.runId));
    expect(samples.some((row) => draftIds.has(row.sample.runId))).toBe(false);
    // A person's sandbox history: their replays, not another's.
    const history = await listSandboxRuns(handle.db, author, { prompt: PROMPT, limit: 50 });
    expect(new Set(history.map((row) => row.id))).toEqual(draftIds);
    expect(await listSandboxRuns(handle.db, otherAuthor, { prompt: PROMPT, limit: 50 })).toEqual([]);
    expect(
      await listSandboxRuns(handle.db, otherAuthor, { prompt: PROMPT, actor: 'user:ada', limit: 50 }),
    ).toHaveLength(4);
  });

  it("leaves draft runs out of the prompt's run stats, which count the live runs only", async () => {
    await replayTraffic(deps(), author, {
      prompt: PROMPT,
      draft: { content: reworded() },
      from: { environment: 'production', limit: 2 },
    });
    await runtime.flush();
    const all = await listRunRecords(handle.db, { prompt: PROMPT, limit: 200 });
    expect(all.filter((row) => row.arm === 'draft').length).toBeGreaterThanOrEqual(3);
    const stats = await runStats(handle.db, {
      prompt: PROMPT,
      since: new Date(Date.now() - 3_600_000),
      until: new Date(Date.now() + 3_600_000),
      bucket: 'hour',
      byVersionAndArm: true,
    });
    expect(stats.reduce((total, row) => total + row.runs, 0)).toBe(8);
    expect(stats.map((row) => row.arm).sort()).toEqual(['pinned', 'stable']);
  });

  it('replays a saved version as a draft, and shows a status change when the draft fails where production answered', async () => {
    const strict = {
      ...reworded(),
      output: { format: 'json', schema: { type: 'object', required: ['answer'] } },
    };
    const saved = await fixture.catalog.saveVersion(
      { actor: 'local:tester' },
      { kind: 'prompt', name: PROMPT, content: strict, parentVersion: 2, message: 'JSON answers' },
    );
    const replay = await replayTraffic(deps(), author, {
      prompt: PROMPT,
      draft: { version: saved.version },
      from: { environment: 'production', limit: 3, status: 'ok', arm: 'stable' },
      concurrency: 2,
    });
    expect(replay.version).toBe(saved.version);
    expect(replay.items).toHaveLength(3);
    expect(replay.items.every((item) => item.draft.status === 'failed' && item.changed)).toBe(true);
    expect(replay.items[0]!.draft.reason).toMatch(/^output_invalid: /);
    expect(replay.summary.statusChanges).toEqual([{ from: 'ok', to: 'failed', count: 3 }]);
    await runtime.flush();
    const record = await findRunRecord(handle.db, replay.items[0]!.draft.runId);
    expect(record).toMatchObject({
      environment: 'sandbox',
      arm: 'draft',
      metadata: { replay_version: saved.version },
    });
  });

  it('stops starting runs when aborted, and says so', async () => {
    const controller = new AbortController();
    controller.abort();
    const replay = await replayTraffic(deps(), author, {
      prompt: PROMPT,
      draft: { content: reworded() },
      from: { environment: 'production', limit: 6 },
      signal: controller.signal,
    });
    expect(replay.items).toEqual([]);
    expect(replay.summary).toMatchObject({ replayed: 0, aborted: true });
  });

  it('cancels the runs in flight when aborted midway, and leaves them out', async () => {
    fixture.server.setRules([
      { reply: (request) => `Happy to help with ${request.lastUserMessage}.`, faults: { latencyMs: 2_000 } },
    ]);
    try {
      const before = fixture.server.requests().length;
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const started = Date.now();
      const replay = await replayTraffic(deps(), author, {
        prompt: PROMPT,
        draft: { content: reworded() },
        from: { environment: 'production', limit: 6 },
        concurrency: 2,
        signal: controller.signal,
      });
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(replay.items).toEqual([]);
      expect(replay.summary).toMatchObject({ replayed: 0, aborted: true });
      // Two in flight when it stopped; the other four never started.
      expect(fixture.server.requests().length - before).toBe(2);
    } finally {
      fixture.server.setRules([{ reply: (request) => `Happy to help with ${request.lastUserMessage}.` }]);
    }
  });

  it('needs version-create and run-read on the prompt, and a limit from 1 to 200', async () => {
    const input = {
      prompt: PROMPT,
      draft: { content: reworded() },
      from: { environment: 'production', limit: 2 },
    };
    expect(await rejection(replayTraffic(deps(), viewer, input))).toMatchObject({ code: 'forbidden' });
    const billing: Principal = {
      actor: 'user:bill',
      userId: null,
      grants: [{ role: 'author', prefix: 'billing/' }],
    };
    expect(await rejection(replayTraffic(deps(), billing, input))).toMatchObject({ code: 'forbidden' });
    for (const limit of [0, 201, 2.5]) {
      expect(
        await rejection(replayTraffic(deps(), author, { ...input, from: { ...input.from, limit } })),
      ).toMatchObject({ code: 'invalid_argument', details: { parameter: 'from.limit' } });
    }
    expect(
      await rejection(replayTraffic(deps(), author, { ...input, draft: { content: { messages: 'no' } } })),
    ).toMatchObject({ code: 'invalid_argument' });
  });

  it('decides tool calls as production would but runs no tool handler', async () => {
    const name = 'support/assistant';
    const assistant = {
      ...sampledPrompt(1),
      tools: [
        {
          name: 'lookup_order',
          description: 'Looks an order up.',
          side_effect: 'read',
          parameters: { type: 'object', properties: { order_number: { type: 'string' } } },
        },
        {
          name: 'verify_identity',
          description: 'Checks a customer.',
          side_effect: 'read',
          parameters: { type: 'object', properties: { email: { type: 'string' } } },
        },
      ],
    };
    await fixture.catalog.saveVersion(
      { actor: 'local:tester' },
      { kind: 'prompt', name, content: assistant, parentVersion: null, message: 'tools' },
    );
    await fixture.catalog.moveLabel(
      { actor: 'test' },
      { kind: 'prompt', name, version: 1, environment: 'production' },
    );
    let handled = 0;
    runtime.registerTool('verify_identity', () => {
      handled += 1;
      return { verified: true };
    });
    fixture.server.setRules([
      {
        match: { when: (request) => request.messages.some((turn) => turn.role === 'tool') },
        reply: 'Checked.',
      },
      { reply: { toolCalls: [{ name: 'verify_identity', arguments: { email: '[EMAIL]' } }] } },
    ]);
    try {
      const live = await runtime.run(name, { question: 'who am I' }, { environment: 'production' });
      expect(live).toMatchObject({ status: 'ok', output: 'Checked.' });
      expect(handled).toBe(1);
      await runtime.flush();
      const replay = await replayTraffic(deps(), author, {
        prompt: name,
        draft: { content: assistant },
        from: { environment: 'production', limit: 5 },
      });
      expect(replay.items).toHaveLength(1);
      expect(replay.items[0]!.draft.status).toBe('ok');
      expect(handled).toBe(1);
      await runtime.flush();
      const calls = await listToolCalls(handle.db, replay.items[0]!.draft.runId);
      expect(calls).toMatchObject([{ tool: 'verify_identity', decision: 'allow', outcome: 'failed' }]);
    } finally {
      fixture.server.setRules([{ reply: (request) => `Happy to help with ${request.lastUserMessage}.` }]);
    }
  });
});
