import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { PromptContent } from '../../src/catalog/content/prompt-content.ts';
import {
  listSamples,
  rateSample,
  SCORE_ATTEMPTS,
  sampleScores,
  scoreDueSamples,
  showSample,
} from '../../src/evaluation/continuous/index.ts';
import type { Principal } from '../../src/governance/access/index.ts';
import { verifyAuditChain } from '../../src/governance/audit/index.ts';
import type { RunResult } from '../../src/runtime/run-result.ts';
import { isSampledRun } from '../../src/runtime/sampling/sampled-run.ts';
import {
  claimDueSamples,
  type DatabaseHandle,
  findRunRecord,
  listAuditEntries,
  listRunSamples,
  rateRunSample,
} from '../../src/store/index.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { rejection } from '../support/rejection.ts';
import { openSamplingFixture, politeJudge, type SamplingFixture } from './sampling-fixture.ts';

const reviewer = (name: string, prefix = 'support/'): Principal => ({
  actor: `user:${name}`,
  userId: null,
  grants: [{ role: 'reviewer', prefix }],
});
const viewer: Principal = { actor: 'user:viv', userId: null, grants: [{ role: 'viewer', prefix: '' }] };
const billingAuthor: Principal = {
  actor: 'user:bo',
  userId: null,
  grants: [{ role: 'author', prefix: 'billing/' }],
};

/** Resolves when `check` holds, polling; fails the test after `timeoutMs`. */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A judge that waits until released, counting its calls: a judge model that is slow or down. */
function stuckJudge() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let calls = 0;
  return {
    calls: () => calls,
    release: () => release(),
    call: async (prompt: string) => {
      calls += 1;
      await released;
      return politeJudge(prompt);
    },
  };
}

describeEachDatabase('continuous evaluation of sampled live runs', (database) => {
  let handle: DatabaseHandle;
  let fixture: SamplingFixture;
  const deps = () => ({ db: handle.db });
  /** A database of its own, for tests with a background worker (it would score every test's samples). */
  async function isolated(work: (own: DatabaseHandle, fixture: SamplingFixture) => Promise<void>) {
    const own = await database.open();
    const ownFixture = await openSamplingFixture(own);
    try {
      await work(own, ownFixture);
    } finally {
      await ownFixture.close();
      await own.close();
    }
  }

  beforeAll(async () => {
    handle = await database.open();
    fixture = await openSamplingFixture(handle);
  });
  afterAll(async () => {
    await fixture.close();
    await handle.close();
  });
  beforeEach(() => {
    fixture.warnings.length = 0;
  });

  it("samples about the version's share of live runs, the same runs by their ids, and never eval runs", async () => {
    await fixture.savePrompt('support/share', [0.2]);
    const runtime = await fixture.runtime();
    const results: RunResult[] = [];
    for (let chunk = 0; chunk < 20; chunk++) {
      results.push(
        ...(await Promise.all(
          Array.from({ length: 25 }, (_, index) =>
            runtime.run('support/share', { question: `question ${chunk * 25 + index}` }),
          ),
        )),
      );
    }
    const evalRuns = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        runtime.run(
          'support/share',
          { question: `case ${index}` },
          { metadata: { eval_suite: 'support/x' } },
        ),
      ),
    );
    await runtime.flush();
    expect(results.every((result) => result.status === 'ok')).toBe(true);

    const queued = await listRunSamples(handle.db, { prompt: 'support/share', limit: 1_000 });
    const expected = results
      .filter((result) => isSampledRun(result.runId, 0.2))
      .map((result) => result.runId);
    // Exactly the runs whose id hashes under the rate: any replica, before or after a restart, agrees.
    expect(queued.map((row) => row.sample.runId).sort()).toEqual([...expected].sort());
    // 500 runs at 20%: 100 expected, sd ≈ 9; ±35 is nearly 4 sd.
    expect(queued.length).toBeGreaterThanOrEqual(65);
    expect(queued.length).toBeLessThanOrEqual(135);
    const evalIds = new Set(evalRuns.map((result) => result.runId));
    expect(queued.some((row) => evalIds.has(row.sample.runId))).toBe(false);
    // Sampled records carry the redacted input and output; the others keep none.
    const sampled = queued[0]!.record;
    expect(JSON.parse(sampled.redactedInput!)).toEqual({ question: expect.stringMatching(/^question \d+$/) });
    expect(sampled.redactedOutput).toMatch(/^Happy to help with question \d+\.$/);
    const unsampled = results.find((result) => !isSampledRun(result.runId, 0.2))!;
    expect(await findRunRecord(handle.db, unsampled.runId)).toMatchObject({
      redactedInput: null,
      redactedOutput: null,
    });
    expect(fixture.warnings).toEqual([]);
  });

  it('keeps no personal data or secret of a sampled run: input and output are redacted before they are stored', async () => {
    await fixture.savePrompt('support/redacted', [1]);
    const runtime = await fixture.runtime();
    const secret = 'sk-proj-Abc123Def456Ghi789Jkl012Mno345Pqr678';
    const result = await runtime.run('support/redacted', {
      question: `mail jane.doe@example.com, card 4111 1111 1111 1111, key ${secret}`,
    });
    expect(result.output).toContain('jane.doe@example.com');
    await runtime.flush();
    const [queued] = await listRunSamples(handle.db, { prompt: 'support/redacted' });
    const stored = `${queued!.record.redactedInput} ${queued!.record.redactedOutput}`;
    for (const raw of ['jane.doe@example.com', '4111 1111 1111 1111', secret])
      expect(stored).not.toContain(raw);
    expect(queued!.record.redactedOutput).toContain('[EMAIL]');
    expect(queued!.record.redactedInput).toContain('[EMAIL]');
  });

  it('returns every run before its sample is scored: a stuck judge holds no request', async () => {
    await isolated(async (own, ownFixture) => {
      await ownFixture.savePrompt('support/stuck-judge', [1]);
      const judge = stuckJudge();
      try {
        const runtime = await ownFixture.runtime({ worker: true, intervalMs: 20, judge: judge.call });
        const first = await Promise.all(
          ['a', 'b', 'c'].map((question) => runtime.run('support/stuck-judge', { question })),
        );
        expect(first.map((result) => result.status)).toEqual(['ok', 'ok', 'ok']);
        // Nothing was scored while the runs were in flight: their records were not even written yet.
        expect(judge.calls()).toBe(0);
        await runtime.flush();
        await eventually(() => judge.calls() > 0);
        // The judge is stuck on a sample; runs still answer at once.
        const during = await runtime.run('support/stuck-judge', { question: 'd' });
        expect(during.status).toBe('ok');
        const list = () => listSamples({ db: own.db }, viewer, { prompt: 'support/stuck-judge' });
        expect((await list()).every((sample) => sample.scoring.status === 'pending')).toBe(true);
        judge.release();
        await runtime.flush();
        await eventually(async () => (await list()).every((sample) => sample.scoring.status === 'scored'));
        const scored = await list();
        expect(scored).toHaveLength(4);
        for (const sample of scored) {
          expect(sample).toMatchObject({ pass: true, score: 1, judge: { pass: true, score: 0.9 } });
        }
      } finally {
        judge.release();
      }
    });
  });

  it('keeps the queue across a restart: samples one process queued, the next one scores', async () => {
    const scratch = await database.reopenable();
    try {
      const before = await scratch.open();
      const first = await openSamplingFixture(before);
      await first.savePrompt('support/restart', [1]);
      const runtime = await first.runtime({ worker: false });
      const runs = await Promise.all(
        ['x', 'y'].map((question) => runtime.run('support/restart', { question })),
      );
      // Closing flushes the records and queues their samples; nothing scores them in this process.
      await first.close();
      await before.close();

      const after = await scratch.open();
      try {
        const queued = await listRunSamples(after.db, { prompt: 'support/restart' });
        expect(queued.map((row) => row.sample.status)).toEqual(['pending', 'pending']);
        const second = await openSamplingFixture(after);
        const restarted = await second.runtime({ judge: politeJudge });
        const outcomes = await restarted.samples.scoreNow();
        await second.close();
        expect(outcomes.map((outcome) => outcome.runId).sort()).toEqual(runs.map((run) => run.runId).sort());
        expect(outcomes.every((outcome) => outcome.status === 'scored' && outcome.pass === true)).toBe(true);
      } finally {
        await after.close();
      }
    } finally {
      await scratch.drop();
    }
  });

  it('stops cleanly with the runtime: the sample being scored is finished, the others it claimed are handed back', async () => {
    await isolated(async (own, ownFixture) => {
      await ownFixture.savePrompt('support/stop', [1]);
      const judge = stuckJudge();
      try {
        const runtime = await ownFixture.runtime({ worker: true, intervalMs: 20, judge: judge.call });
        await Promise.all(['a', 'b', 'c', 'd'].map((question) => runtime.run('support/stop', { question })));
        await runtime.flush();
        await eventually(() => judge.calls() === 1);
        const closing = runtime.close();
        judge.release();
        await closing;
        expect(judge.calls()).toBe(1);
        const samples = await listRunSamples(own.db, { prompt: 'support/stop' });
        expect(samples.map((row) => row.sample.status).sort()).toEqual([
          'pending',
          'pending',
          'pending',
          'scored',
        ]);
        for (const { sample } of samples.filter((row) => row.sample.status === 'pending')) {
          expect(sample.attempts).toBe(0);
          expect(sample.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
        }
      } finally {
        judge.release();
      }
    });
  });

  it('scores a sample whose worker died once its lease runs out, and never twice at once', async () => {
    await isolated(async (own, ownFixture) => {
      await ownFixture.savePrompt('support/lease', [1]);
      const runtime = await ownFixture.runtime();
      await runtime.run('support/lease', { question: 'lease' });
      await runtime.flush();
      const now = new Date();
      // A worker claims the sample and dies before storing a score.
      const claimed = await own.db.transaction((tx) =>
        claimDueSamples(tx, now, new Date(now.getTime() + 120_000), 100),
      );
      expect(claimed.map((row) => row.prompt)).toContain('support/lease');
      const options = {
        db: own.db,
        readVersion: async (name: string, version: number) =>
          (await ownFixture.catalog.resolve('prompt', name, { version })).content as PromptContent,
        services: { judge: politeJudge },
      };
      expect(await scoreDueSamples({ ...options, clock: () => now })).toEqual([]);
      const later = new Date(now.getTime() + 121_000);
      const outcomes = await scoreDueSamples({ ...options, clock: () => later, batch: 100 });
      expect(outcomes.find((outcome) => outcome.prompt === 'support/lease')).toMatchObject({
        status: 'scored',
        pass: true,
      });
    });
  });

  it('retries a failing judge with backoff, then records it unmeasured and keeps the assertions', async () => {
    await isolated(async (own, ownFixture) => {
      await ownFixture.savePrompt('support/judge-down', [1]);
      const runtime = await ownFixture.runtime();
      await runtime.run('support/judge-down', { question: 'anyone there' });
      await runtime.flush();
      let clock = new Date(Date.now() + 3_600_000);
      const options = {
        db: own.db,
        readVersion: async (name: string, version: number) =>
          (await ownFixture.catalog.resolve('prompt', name, { version })).content as PromptContent,
        services: {
          judge: async () => {
            throw new Error('judge model unavailable (HTTP 503)');
          },
        },
        clock: () => clock,
        batch: 100,
      };
      const mine = async () =>
        (await scoreDueSamples(options)).find((outcome) => outcome.prompt === 'support/judge-down');
      for (let attempt = 1; attempt < SCORE_ATTEMPTS; attempt++) {
        expect(await mine()).toMatchObject({
          status: 'pending',
          error: 'judge failed: judge model unavailable (HTTP 503)',
        });
        // Not due again before its backoff (at least 8 s, the first delay less its jitter).
        expect(await mine()).toBeUndefined();
        clock = new Date(clock.getTime() + 2 * 3_600_000);
      }
      expect(await mine()).toMatchObject({
        status: 'scored',
        pass: true,
        judge: { unmeasured: 'judge failed: judge model unavailable (HTTP 503)' },
      });
      const [sample] = await listSamples({ db: own.db }, viewer, { prompt: 'support/judge-down' });
      expect(sample!.scoring).toMatchObject({ status: 'scored', attempts: SCORE_ATTEMPTS });
      expect(sample!.assertions.map((result) => result.pass)).toEqual([true, true]);
    });
  });

  it('resolves racing ratings: the first wins whole, the other is a conflict, and each rating is audited once', async () => {
    await fixture.savePrompt('support/race', [1]);
    const runtime = await fixture.runtime();
    await Promise.all(['1', '2', '3', '4', '5'].map((question) => runtime.run('support/race', { question })));
    await runtime.flush();
    const samples = await listSamples(deps(), viewer, { prompt: 'support/race' });
    expect(samples).toHaveLength(5);
    for (const sample of samples) {
      const [rita, ray] = await Promise.allSettled([
        rateSample(deps(), reviewer('rita'), { id: sample.id, rating: 'good', comment: 'clear and polite' }),
        rateSample(deps(), reviewer('ray'), { id: sample.id, rating: 'bad', comment: 'too short' }),
      ]);
      const outcomes = [rita!, ray!];
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason.code).toBe('conflict');
      const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof rateSample>>>).value.rating!;
      const stored = (await showSample(deps(), viewer, sample.id)).rating!;
      // Never a mix: the rating, comment and rater all come from the same call.
      expect(stored).toEqual(winner);
      expect([
        { rating: 'good', comment: 'clear and polite', by: 'user:rita' },
        { rating: 'bad', comment: 'too short', by: 'user:ray' },
      ]).toContainEqual({ rating: stored.rating, comment: stored.comment, by: stored.by });
    }
    const audited = await listAuditEntries(handle.db, { action: 'sample-rate', target: 'support/race' });
    expect(audited).toHaveLength(5);
    expect(audited[0]!.details).toMatchObject({ version: 1, commented: true });
    expect(JSON.stringify(audited)).not.toContain('too short');
    expect((await verifyAuditChain(handle.db)).ok).toBe(true);
  });

  it('lets exactly one of two racing rating statements through, even outside the audit funnel', async () => {
    await fixture.savePrompt('support/race-raw', [1]);
    const runtime = await fixture.runtime();
    await runtime.run('support/race-raw', { question: 'raw' });
    await runtime.flush();
    const [queued] = await listRunSamples(handle.db, { prompt: 'support/race-raw' });
    const { sample } = queued!;
    const at = new Date();
    const rated = await Promise.all(
      (['good', 'bad'] as const).map((rating) =>
        handle.db.transaction((tx) =>
          rateRunSample(tx, sample.id, {
            rating,
            ratingComment: rating,
            ratedBy: `user:${rating}`,
            ratedAt: at,
          }),
        ),
      ),
    );
    const applied = rated.filter((row) => row !== undefined);
    expect(applied).toHaveLength(1);
    const [stored] = await listRunSamples(handle.db, { prompt: 'support/race-raw' });
    expect(stored!.sample).toMatchObject({
      rating: applied[0]!.rating,
      ratingComment: applied[0]!.rating,
      ratedBy: `user:${applied[0]!.rating}`,
    });
  });

  it('lists the review queue by prompt, version and rating, to those who may read the runs', async () => {
    await fixture.savePrompt('support/queue', [1, 1]);
    const runtime = await fixture.runtime();
    await runtime.run('support/queue', { question: 'v1' }, { version: 1 });
    await Promise.all(
      ['p', 'q'].map((question) => runtime.run('support/queue', { question }, { version: 2 })),
    );
    await runtime.flush();
    const all = await listSamples(deps(), viewer, { prompt: 'support/queue' });
    expect(all.map((sample) => sample.version)).toEqual([2, 2, 1]);
    expect(all[0]!).toMatchObject({ runStatus: 'ok', scoring: { status: 'pending' }, rating: null });
    const v2 = await listSamples(deps(), viewer, { prompt: 'support/queue', version: 2 });
    await rateSample(deps(), reviewer('rita'), { id: v2[0]!.id, rating: 'good' });
    const unrated = await listSamples(deps(), viewer, { prompt: 'support/queue', version: 2, unrated: true });
    expect(unrated.map((sample) => sample.id)).toEqual([v2[1]!.id]);
    // Without a name, a caller sees the prompts their roles cover; naming another is refused.
    expect(await listSamples(deps(), billingAuthor)).toEqual([]);
    expect((await rejection(listSamples(deps(), billingAuthor, { prompt: 'support/queue' }))).code).toBe(
      'forbidden',
    );
    const refused = await rejection(rateSample(deps(), viewer, { id: v2[1]!.id, rating: 'bad' }));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain('needs the reviewer role on support/queue');
    expect(
      (await rejection(rateSample(deps(), reviewer('rita'), { id: 999_999, rating: 'good' }))).code,
    ).toBe('sample_not_found');
  });

  it('reports per version: samples, scored, online pass rate, judge mean and human ratings', async () => {
    await fixture.savePrompt('support/stats', [1, 1]);
    const runtime = await fixture.runtime({ judge: politeJudge });
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((question) => runtime.run('support/stats', { question }, { version: 1 })),
    );
    fixture.server.setRules([{ reply: 'Globex sells it cheaper.' }]);
    try {
      await Promise.all(
        ['e', 'f'].map((question) => runtime.run('support/stats', { question }, { version: 2 })),
      );
    } finally {
      fixture.server.setRules([{ reply: (request) => `Happy to help with ${request.lastUserMessage}.` }]);
    }
    await runtime.flush();
    await runtime.samples.scoreNow();
    const v1 = await listSamples(deps(), viewer, { prompt: 'support/stats', version: 1 });
    for (const [index, sample] of v1.entries()) {
      await rateSample(deps(), reviewer('rita'), { id: sample.id, rating: index < 3 ? 'good' : 'bad' });
    }
    const scores = await sampleScores(deps(), viewer, 'support/stats');
    expect(scores).toEqual([
      {
        version: 2,
        samples: 2,
        scored: 2,
        pending: 0,
        failed: 0,
        onlinePassRate: 0,
        onlineMeasured: 2,
        judgeMean: expect.closeTo(0.2, 10),
        judged: 2,
        good: 0,
        bad: 0,
        goodRate: null,
      },
      {
        version: 1,
        samples: 4,
        scored: 4,
        pending: 0,
        failed: 0,
        onlinePassRate: 1,
        onlineMeasured: 4,
        judgeMean: expect.closeTo(0.9, 10),
        judged: 4,
        good: 3,
        bad: 1,
        goodRate: 0.75,
      },
    ]);
    expect((await rejection(sampleScores(deps(), billingAuthor, 'support/stats'))).code).toBe('forbidden');
  });
});
