import { Registry } from 'prom-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGovernance, type Governance } from '../../src/governance/create-governance.ts';
import { loadPolicies } from '../../src/governance/policies/index.ts';
import { createRunMetrics } from '../../src/observability/metrics/run-metrics.ts';
import { registerSampleMetrics } from '../../src/observability/metrics/sample-metrics.ts';
import type { Runtime } from '../../src/runtime/create-runtime.ts';
import { createServer, type PromptopsServer } from '../../src/server/create-server.ts';
import type { DatabaseHandle } from '../../src/store/index.ts';
import { openSamplingFixture, politeJudge, type SamplingFixture } from '../evaluation/sampling-fixture.ts';
import { describeEachDatabase } from '../support/databases.ts';

const EXAMPLE = new URL('../../../../examples/acme-support', import.meta.url).pathname;

describeEachDatabase('the sample review queue over REST', (database) => {
  let handle: DatabaseHandle;
  let fixture: SamplingFixture;
  let runtime: Runtime;
  let governance: Governance;
  let server: PromptopsServer;
  let url: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    handle = await database.open();
    fixture = await openSamplingFixture(handle);
    runtime = await fixture.runtime({ judge: politeJudge });
    governance = createGovernance({ db: handle.db, policies: await loadPolicies(EXAMPLE) });
    const { token } = await governance.bootstrapAdmin({ username: 'admin' });
    tokens.set('admin', token);
    const admin = await governance.authenticateToken(token);
    for (const [username, role, prefix] of [
      ['rita', 'reviewer', 'support/'],
      ['viv', 'viewer', ''],
      ['bo', 'author', 'billing/'],
      ['dan', 'deployer', ''],
    ] as const) {
      await governance.users.create(admin, { username, grants: [{ role, prefix }] });
      tokens.set(username, (await governance.tokens.create(admin, { name: 'test', username })).token);
    }
    const metrics = createRunMetrics({ defaultMetrics: false });
    server = await createServer({ handle, catalog: fixture.catalog, governance, runtime, metrics });
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
    // Every live run of these versions is sampled: v1 answers three questions, v2 two.
    await fixture.savePrompt('support/answer', [1, 1]);
    for (const [question, version] of [
      ['a', 1],
      ['b', 1],
      ['c', 1],
      ['d', 2],
      ['e', 2],
    ] as const) {
      await runtime.run('support/answer', { question }, { version });
    }
    await runtime.flush();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await fixture?.close();
    await handle?.close();
  });

  async function call(path: string, as: string, body?: unknown) {
    const response = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${tokens.get(as)}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: JSON.parse(await response.text()) };
  }
  const ids = async (query: string, as = 'viv') =>
    ((await call(`/api/samples?${query}`, as)).body.items as { id: number }[]).map((sample) => sample.id);

  it('lists the queue newest first, by prompt, version and state, in cursor pages', async () => {
    const all = await call('/api/samples?prompt=support/answer', 'viv');
    expect(all.status).toBe(200);
    expect(all.body.next).toBeNull();
    expect(all.body.items.map((sample: { version: number }) => sample.version)).toEqual([2, 2, 1, 1, 1]);
    expect(all.body.items[0]).toMatchObject({
      prompt: 'support/answer',
      runStatus: 'ok',
      output: 'Happy to help with e.',
      scoring: { status: 'pending', attempts: 0, error: null },
      pass: null,
      judge: null,
      rating: null,
    });
    expect(await ids('prompt=support/answer&version=1')).toEqual(
      all.body.items.slice(2).map((sample: { id: number }) => sample.id),
    );

    // Pages of two, walked by cursor, give every sample once.
    const walked: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await call(
        `/api/samples?prompt=support/answer&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        'viv',
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      walked.push(...page.body.items.map((sample: { id: number }) => sample.id));
      cursor = page.body.next;
    }
    expect(walked).toEqual(all.body.items.map((sample: { id: number }) => sample.id));

    const badCursor = await call('/api/samples?cursor=not-ours', 'viv');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.details).toEqual({ parameter: 'querystring.cursor' });
    const versionAlone = await call('/api/samples?version=1', 'viv');
    expect(versionAlone.status).toBe(400);
    expect(versionAlone.body.error.message).toContain('needs a prompt name');
  });

  it('shows samples only to those who may read the runs', async () => {
    expect(await ids('', 'bo')).toEqual([]);
    const named = await call('/api/samples?prompt=support/answer', 'bo');
    expect(named.status).toBe(403);
    expect(named.body.error.code).toBe('forbidden');
    const [id] = await ids('prompt=support/answer');
    expect((await call(`/api/samples/${id}`, 'bo')).status).toBe(403);
    const shown = await call(`/api/samples/${id}`, 'viv');
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ id, prompt: 'support/answer', version: 2 });
    const missing = await call('/api/samples/999999', 'viv');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'sample_not_found', details: { sample: 999999 } });
  });

  it("rates as the CLI's sample-rate action does: reviewers only, the first rating wins", async () => {
    const [id, other] = await ids('prompt=support/answer&version=1');
    const refused = await call(`/api/samples/${id}/rating`, 'viv', { rating: 'bad' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', details: { action: 'sample-rate' } });
    expect((await call(`/api/samples/${id}`, 'viv')).body.rating).toBeNull();

    const rated = await call(`/api/samples/${id}/rating`, 'rita', { rating: 'good', comment: 'spot on' });
    expect(rated.status).toBe(200);
    expect(rated.body.rating).toMatchObject({ rating: 'good', comment: 'spot on', by: 'user:rita' });
    const again = await call(`/api/samples/${id}/rating`, 'rita', { rating: 'bad' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    expect((await call(`/api/samples/${id}`, 'viv')).body.rating.rating).toBe('good');

    expect((await call(`/api/samples/${other}/rating`, 'rita', { rating: 'meh' })).status).toBe(400);
    expect((await call(`/api/samples/${other}/rating`, 'rita', { rating: 'bad', extra: 1 })).status).toBe(
      400,
    );
    const missing = await call('/api/samples/999999/rating', 'rita', { rating: 'good' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('sample_not_found');

    expect(await ids('prompt=support/answer&version=1&unrated=true')).not.toContain(id);
    expect(await ids('prompt=support/answer&rating=good')).toEqual([id]);
    const audit = await call('/api/audit?action=sample-rate', 'admin');
    expect(audit.body.items[0]).toMatchObject({ actor: 'user:rita', target: 'support/answer' });
  });

  it('scores what is due for deployers, then serves the scores per version', async () => {
    const refused = await call('/api/samples/score', 'rita', {});
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', details: { action: 'sample-score' } });
    // No body at all is the same as {}: validation lets it through, the role check refuses.
    const bare = await fetch(`${url}/api/samples/score`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get('rita')}` },
    });
    expect(bare.status).toBe(403);
    expect(await ids('prompt=support/answer&scoring=scored')).toEqual([]);

    expect((await call('/api/samples/score', 'dan', { prompt: 'support/answer' })).status).toBe(400);
    const scored = await call('/api/samples/score', 'dan', {});
    expect(scored.status).toBe(200);
    expect(scored.body.items).toHaveLength(5);
    expect(scored.body.items[0]).toMatchObject({
      prompt: 'support/answer',
      status: 'scored',
      pass: true,
      judge: { pass: true, score: 0.9 },
      error: null,
    });
    expect(await ids('prompt=support/answer&scoring=pending')).toEqual([]);
    const [first] = (await call('/api/samples?prompt=support/answer', 'viv')).body.items;
    expect(first.assertions).toEqual([
      expect.objectContaining({ type: 'not-icontains', pass: true }),
      expect.objectContaining({ type: 'max-words', pass: true }),
    ]);

    const stats = await call('/api/samples/stats?prompt=support/answer', 'viv');
    expect(stats.status).toBe(200);
    expect(stats.body.prompt).toBe('support/answer');
    expect(stats.body.versions.map((row: { version: number }) => row.version)).toEqual([2, 1]);
    expect(stats.body.versions[1]).toMatchObject({
      samples: 3,
      scored: 3,
      pending: 0,
      onlinePassRate: 1,
      judgeMean: expect.closeTo(0.9, 10),
      good: 1,
      bad: 0,
      goodRate: 1,
    });
    expect((await call('/api/samples/stats?prompt=support/answer', 'bo')).status).toBe(403);
    expect((await call('/api/samples/stats', 'viv')).status).toBe(400);
  });

  it('exports the scores per prompt, version and arm at /metrics, newest versions only', async () => {
    const metrics = await fetch(`${url}/metrics`, {
      headers: { authorization: `Bearer ${tokens.get('viv')}` },
    });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    const series = (name: string, labels: string) =>
      new RegExp(`^${name}\\{prompt="support/answer",version="1",arm="pinned"${labels}\\} (\\S+)$`, 'm').exec(
        text,
      )?.[1];
    expect(series('promptops_samples', ',scoring="scored"')).toBe('3');
    expect(series('promptops_samples', ',scoring="pending"')).toBe('0');
    expect(series('promptops_sample_online_results', ',result="pass"')).toBe('3');
    expect(series('promptops_sample_online_results', ',result="fail"')).toBe('0');
    expect(Number(series('promptops_sample_judge_score_mean', ''))).toBeCloseTo(0.9, 10);
    expect(series('promptops_sample_judged', '')).toBe('3');
    expect(series('promptops_sample_ratings', ',rating="good"')).toBe('1');
    expect(series('promptops_sample_ratings', ',rating="bad"')).toBe('0');
    expect(text).toMatch(
      /^promptops_samples\{prompt="support\/answer",version="2",arm="pinned",scoring="scored"\} 2$/m,
    );

    // Only the newest versions of each prompt are exported; a store that fails leaves them out and says so.
    const registry = new Registry();
    registerSampleMetrics(registry, { db: handle.db, versionsPerPrompt: 1 });
    const newest = await registry.metrics();
    expect(newest).toMatch(/version="2"/);
    expect(newest).not.toMatch(/version="1"/);
    const broken = new Registry();
    registerSampleMetrics(broken, {
      db: {
        select: () => {
          throw new Error('database is down');
        },
      } as never,
    });
    const down = await broken.metrics();
    expect(down).not.toMatch(/^promptops_samples\{/m);
    expect(down).toMatch(/^promptops_sample_metrics_errors_total 1$/m);
  });

  it('describes the routes, their bodies and answers in the OpenAPI document', async () => {
    const document = JSON.parse(await (await fetch(`${url}/api/openapi.json`)).text());
    const rating = document.paths['/api/samples/{id}/rating'].post;
    expect(rating.requestBody.content['application/json'].schema).toMatchObject({
      required: ['rating'],
      properties: { rating: { enum: ['good', 'bad'] } },
    });
    expect(rating.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/Sample',
    );
    expect(document.components.schemas.Sample.properties.rating).toBeDefined();
    for (const path of ['/api/samples', '/api/samples/stats', '/api/samples/{id}']) {
      expect(document.paths[path].get.responses['200']).toBeDefined();
    }
    expect(document.paths['/api/samples/score'].post.responses['403']).toBeUndefined();
    expect(document.paths['/api/samples/score'].post.responses['4XX']).toBeDefined();
  });
});
