import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGovernance, type Governance } from '../../src/governance/create-governance.ts';
import { loadPolicies } from '../../src/governance/policies/index.ts';
import { createRunMetrics } from '../../src/observability/metrics/run-metrics.ts';
import type { Runtime } from '../../src/runtime/create-runtime.ts';
import { createServer, type PromptopsServer } from '../../src/server/create-server.ts';
import type { DatabaseHandle } from '../../src/store/index.ts';
import { openSamplingFixture, type SamplingFixture } from '../evaluation/sampling-fixture.ts';
import { describeEachDatabase } from '../support/databases.ts';

const EXAMPLE = new URL('../../../../examples/acme-support', import.meta.url).pathname;
const BANK = 'support/answer-examples';

describeEachDatabase('feedback to tests over REST (issue 10, item 1)', (database) => {
  let handle: DatabaseHandle;
  let fixture: SamplingFixture;
  let runtime: Runtime;
  let governance: Governance;
  let server: PromptopsServer;
  let url: string;
  const tokens = new Map<string, string>();
  /** v1 samples every run (its redacted input is kept); v2 samples none. */
  const runs = { sampled: '', unsampled: '' };

  beforeAll(async () => {
    handle = await database.open();
    fixture = await openSamplingFixture(handle);
    runtime = await fixture.runtime();
    governance = createGovernance({ db: handle.db, policies: await loadPolicies(EXAMPLE) });
    const { token } = await governance.bootstrapAdmin({ username: 'admin' });
    tokens.set('admin', token);
    const admin = await governance.authenticateToken(token);
    for (const [username, role, prefix] of [
      ['app', 'viewer', 'support/'],
      ['rita', 'reviewer', 'support/'],
      ['viv', 'viewer', ''],
      ['bo', 'author', 'billing/'],
      ['dan', 'deployer', ''],
    ] as const) {
      await governance.users.create(admin, { username, grants: [{ role, prefix }] });
      tokens.set(username, (await governance.tokens.create(admin, { name: 'test', username })).token);
    }
    server = await createServer({
      handle,
      catalog: fixture.catalog,
      governance,
      runtime,
      metrics: createRunMetrics({ defaultMetrics: false }),
    });
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
    await fixture.savePrompt('support/answer', [1, 0]);
    await fixture.catalog.ensureEnvironments({ actor: 'local:tester' }, ['staging', 'production']);
    await fixture.catalog.saveVersion(
      { actor: 'local:tester' },
      {
        kind: 'example-bank',
        name: BANK,
        content: { examples: [{ input: 'Where is my parcel?', output: 'Happy to help with your parcel.' }] },
        parentVersion: null,
        message: 'first example',
      },
    );
    runs.sampled = (await runtime.run('support/answer', { question: 'my refund' }, { version: 1 })).runId;
    runs.unsampled = (await runtime.run('support/answer', { question: 'my invoice' }, { version: 2 })).runId;
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
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  }
  const auditActions = async () =>
    ((await call('/api/audit?limit=100', 'admin')).body.items as { action: string; details: unknown }[]).map(
      (entry) => entry,
    );

  it('takes feedback from the application that ran the prompt, shows it on the run and counts it', async () => {
    const posted = await call(`/api/runs/${runs.sampled}/feedback`, 'app', {
      score: -1,
      comment: 'It did not answer my question about the refund.',
      source: 'web-widget',
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      runId: runs.sampled,
      prompt: 'support/answer',
      version: 1,
      score: -1,
      bucket: 'negative',
      source: 'web-widget',
      postedBy: 'user:app',
    });
    expect((await call(`/api/runs/${runs.sampled}/feedback`, 'app', { score: 0.5 })).status).toBe(201);

    const run = await call(`/api/runs/${runs.sampled}`, 'viv');
    expect(run.body.feedback.map((item: { score: number }) => item.score)).toEqual([-1, 0.5]);
    expect(run.body.feedback[0].comment).toBe('It did not answer my question about the refund.');

    const metrics = await call('/metrics', 'admin');
    expect(metrics.body).toContain(
      'promptops_feedback_total{prompt="support/answer",version="1",score="negative"} 1',
    );
    expect(metrics.body).toContain(
      'promptops_feedback_total{prompt="support/answer",version="1",score="positive"} 1',
    );

    // Audited with the score, never the user's words.
    const entry = (await auditActions()).find((item) => item.action === 'feedback-create');
    expect(entry?.details).toMatchObject({ run: runs.sampled, score: 0.5, bucket: 'positive' });
    expect(JSON.stringify(await auditActions())).not.toContain('refund.');
  });

  it('refuses feedback out of range, on unknown runs, or from callers who may not run the prompt', async () => {
    const outOfRange = await call(`/api/runs/${runs.sampled}/feedback`, 'app', { score: 5 });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.error.code).toBe('invalid_argument');
    const badSource = await call(`/api/runs/${runs.sampled}/feedback`, 'app', { score: 1, source: 'A b' });
    expect(badSource.status).toBe(400);
    const missing = await call('/api/runs/no-such-run/feedback', 'app', { score: 1 });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('run_not_found');
    const outsider = await call(`/api/runs/${runs.sampled}/feedback`, 'bo', { score: 1 });
    expect(outsider.status).toBe(403);
    expect((await call(`/api/runs/${runs.sampled}`, 'viv')).body.feedback).toHaveLength(2);
  });

  it('turns a sampled run into a proposed eval case with its redacted input as the variables', async () => {
    const expected = { assert: [{ type: 'icontains', value: 'refund' }] };
    const proposed = await call('/api/eval-cases', 'rita', {
      from: { run: runs.sampled },
      suite: 'support/answer-regressions',
      expected,
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({
      suite: 'support/answer-regressions',
      prompt: 'support/answer',
      source: { kind: 'run', run: runs.sampled, version: 1 },
      variablesFrom: 'redacted-input',
      state: 'proposed',
      proposedBy: 'user:rita',
      case: {
        variables: { question: 'my refund' },
        assert: expected.assert,
        tags: ['from-production'],
      },
    });

    // Only reviewers turn runs into cases.
    const viewer = await call('/api/eval-cases', 'viv', {
      from: { run: runs.sampled },
      suite: 'support/answer-regressions',
      expected,
    });
    expect(viewer.status).toBe(403);

    const listed = await call('/api/eval-cases?suite=support/answer-regressions&state=proposed', 'viv');
    expect(listed.body.items.map((item: { id: number }) => item.id)).toContain(proposed.body.id);
    expect((await call('/api/eval-cases', 'bo')).body.items).toEqual([]);
    expect((await call(`/api/eval-cases/${proposed.body.id}`, 'viv')).body.case.id).toBe(
      proposed.body.case.id,
    );
    const entry = (await auditActions()).find((item) => item.action === 'eval-case-propose');
    expect(entry?.details).toMatchObject({ candidate: proposed.body.id, variables: 'redacted-input' });
  });

  it('says when the input was not retained, and takes the variables from the reviewer then', async () => {
    const body = {
      from: { run: runs.unsampled },
      suite: 'support/answer-regressions',
      expected: { expected_class: 'billing' },
    };
    const unretained = await call('/api/eval-cases', 'rita', body);
    expect(unretained.status).toBe(400);
    expect(unretained.body.error.message).toContain('was not retained');
    expect(unretained.body.error.details).toEqual({ parameter: 'variables' });

    const supplied = await call('/api/eval-cases', 'rita', {
      ...body,
      variables: { question: 'my invoice' },
    });
    expect(supplied.status).toBe(201);
    expect(supplied.body.variablesFrom).toBe('supplied');

    const badAssertion = await call('/api/eval-cases', 'rita', {
      ...body,
      variables: { question: 'x' },
      expected: { assert: [{ type: 'contians', value: 'x' }] },
    });
    expect(badAssertion.status).toBe(400);
    expect(badAssertion.body.error.message).toMatch(/^expected\.assert\[0\].*did you mean "contains"/);
    const nothingExpected = await call('/api/eval-cases', 'rita', { ...body, expected: {} });
    expect(nothingExpected.status).toBe(400);
    expect(nothingExpected.body.error.details).toEqual({ parameter: 'expected' });
  });

  it('turns a review-queue sample and a failed eval case into cases, and dismisses one once', async () => {
    const [sample] = (await call('/api/samples?prompt=support/answer', 'viv')).body.items;
    const fromSample = await call('/api/eval-cases', 'rita', {
      from: { sample: sample.id },
      suite: 'support/answer-regressions',
      expected: { assert: [{ type: 'not-icontains', value: 'Globex' }] },
    });
    expect(fromSample.status).toBe(201);
    expect(fromSample.body.case.id).toBe(`sample-${sample.id}`);

    const dan = await governance.authenticateToken(tokens.get('dan')!);
    await governance.evals.record(dan, {
      kind: 'prompt',
      name: 'support/answer',
      version: 2,
      suite: 'support/answer',
      passed: 1,
      total: 2,
      details: { failedCases: ['refund-late'] },
    });
    const evalCase = { prompt: 'support/answer', version: 2, suite: 'support/answer' };
    const passed = await call('/api/eval-cases', 'rita', {
      from: { evalCase: { ...evalCase, case: 'greeting' } },
      suite: 'support/answer-regressions',
      expected: { expected_class: 'billing' },
      variables: { question: 'hi' },
    });
    expect(passed.status).toBe(400);
    expect(passed.body.error.message).toContain('did not fail');
    const failed = await call('/api/eval-cases', 'rita', {
      from: { evalCase: { ...evalCase, case: 'refund-late' } },
      suite: 'support/answer-regressions',
      expected: { assert: [{ type: 'icontains', value: 'refund' }] },
      variables: { question: 'Where is my refund?' },
    });
    expect(failed.status).toBe(201);
    expect(failed.body.case).toMatchObject({ id: 'refund-late.regression', tags: ['from-eval'] });

    const dismissed = await call(`/api/eval-cases/${failed.body.id}/dismiss`, 'rita', {
      reason: 'duplicate',
    });
    expect(dismissed.body).toMatchObject({
      state: 'dismissed',
      decidedBy: 'user:rita',
      decision: 'duplicate',
    });
    const again = await call(`/api/eval-cases/${failed.body.id}/dismiss`, 'rita', { reason: 'again' });
    expect(again.status).toBe(409);
    expect((await call('/api/eval-cases/999999', 'viv')).body.error.code).toBe('eval_case_not_found');
  });

  it('proposes a run as a few-shot example through a change request on the bank', async () => {
    const proposed = await call('/api/examples/proposals', 'rita', {
      from: { run: runs.sampled },
      bank: BANK,
      notes: 'A refund question the assistant should answer directly.',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body.example).toEqual({
      input: 'my refund',
      output: 'Happy to help with my refund.',
      notes: 'A refund question the assistant should answer directly.',
    });
    // Production changes to a bank wait for its review (medium tier approvals).
    expect(proposed.body.changeRequest).toMatchObject({ name: BANK, version: 2, state: 'open' });
    const bank = await fixture.catalog.resolve('example-bank', BANK, { version: 2 });
    expect((bank.content as { examples: unknown[] }).examples).toHaveLength(2);

    const again = await call('/api/examples/proposals', 'rita', { from: { run: runs.sampled }, bank: BANK });
    expect(again.status).toBe(409);
    const viewer = await call('/api/examples/proposals', 'viv', { from: { run: runs.sampled }, bank: BANK });
    expect(viewer.status).toBe(403);
    const unretained = await call('/api/examples/proposals', 'rita', {
      from: { run: runs.unsampled },
      bank: BANK,
    });
    expect(unretained.status).toBe(400);
    expect(unretained.body.error.message).toContain('was not retained');
    const entry = (await auditActions()).find((item) => item.action === 'example-propose');
    expect(entry?.details).toMatchObject({ changeRequest: proposed.body.changeRequest.id });
  });
});
