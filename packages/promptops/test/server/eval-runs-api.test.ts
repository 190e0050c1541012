import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EVALS_ACTOR } from '../../src/evaluation/suite-runs/index.ts';
import { loadSuites } from '../../src/evaluation/suites/index.ts';
import { createGovernance, type Governance } from '../../src/governance/create-governance.ts';
import { loadPolicies } from '../../src/governance/policies/index.ts';
import type { Runtime } from '../../src/runtime/create-runtime.ts';
import { createServer, type PromptopsServer } from '../../src/server/create-server.ts';
import type { DatabaseHandle } from '../../src/store/index.ts';
import { openSamplingFixture, type SamplingFixture, sampledPrompt } from '../evaluation/sampling-fixture.ts';
import { describeEachDatabase } from '../support/databases.ts';

const EXAMPLE = new URL('../../../../examples/acme-support', import.meta.url).pathname;
const PROMPT = 'support/answer';
const GUIDELINE = 'Never invent discount codes or offers.';

const SUITE = `description: Answers stay on topic and short.
target: { prompt: ${PROMPT} }
kind: behavioural
cases:
  - id: parcel
    description: Talks about the parcel asked about.
    variables: { question: my parcel }
    assert: [{ type: icontains, value: parcel }]
  - id: short
    variables: { question: hello }
    assert: [{ type: max-words, value: 12 }]
`;

/** A suite whose one case fails on v1: the source of a case made from a failed eval case. */
const CODES_SUITE = `description: No made-up codes.
target: { prompt: ${PROMPT} }
kind: behavioural
cases:
  - id: no-codes
    variables: { question: a discount please }
    assert: [{ type: not-icontains, value: ACME50 }]
`;

describeEachDatabase('suites the server runs: drafts, versions and proposed cases (issue 10)', (database) => {
  let handle: DatabaseHandle;
  let fixture: SamplingFixture;
  let runtime: Runtime;
  let governance: Governance;
  let server: PromptopsServer;
  let url: string;
  let project: string;
  const tokens = new Map<string, string>();
  let badRun = '';

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'promptops-eval-runs-'));
    await mkdir(join(project, 'evals/support'), { recursive: true });
    await writeFile(join(project, 'evals/support/answer.yaml'), SUITE);
    await writeFile(join(project, 'evals/support/codes.yaml'), CODES_SUITE);
    handle = await database.open();
    fixture = await openSamplingFixture(handle);
    // The model follows the guideline when the prompt has it; without it, it invents a code.
    fixture.server.setRules([
      { match: { system: GUIDELINE }, reply: 'I cannot give codes; current offers are on our website.' },
      { match: { lastUserMessage: 'discount' }, reply: 'Sure! Use code ACME50 for 50% off.' },
      { reply: (request) => `Happy to help with ${request.lastUserMessage}.` },
    ]);
    runtime = await fixture.runtime();
    governance = createGovernance({ db: handle.db, policies: await loadPolicies(EXAMPLE) });
    const { token } = await governance.bootstrapAdmin({ username: 'admin' });
    tokens.set('admin', token);
    const admin = await governance.authenticateToken(token);
    for (const [username, role, prefix] of [
      ['viv', 'viewer', 'support/'],
      ['rita', 'reviewer', 'support/'],
      ['ann', 'author', 'support/'],
    ] as const) {
      await governance.users.create(admin, { username, grants: [{ role, prefix }] });
      tokens.set(username, (await governance.tokens.create(admin, { name: 'test', username })).token);
    }
    server = await createServer({
      handle,
      catalog: fixture.catalog,
      governance,
      runtime,
      suites: { loadSuites: () => loadSuites(project), services: {} },
    });
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
    await fixture.savePrompt(PROMPT, [1]);
    badRun = (await runtime.run(PROMPT, { question: 'a discount code please' }, { version: 1 })).runId;
    await runtime.flush();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await fixture?.close();
    await handle?.close();
    await rm(project, { recursive: true, force: true });
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

  const draft = (extra: Record<string, unknown> = {}) => ({ ...sampledPrompt(1), ...extra });

  it('turns a bad live answer into a proposed case that fails on the version that gave it', async () => {
    const proposed = await call('/api/eval-cases', 'rita', {
      from: { run: badRun },
      suite: 'support/answer',
      id: 'no-invented-codes',
      description: 'Never makes up a discount code.',
      expected: { assert: [{ type: 'not-icontains', value: 'ACME50' }] },
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const candidate = proposed.body.id as number;

    const listed = await call(`/api/suites?prompt=${PROMPT}`, 'viv');
    expect(listed.status).toBe(200);
    expect(listed.body.suites).toContainEqual(
      expect.objectContaining({
        name: 'support/answer',
        file: 'evals/support/answer.yaml',
        cases: 2,
        thresholds: { pass_rate: 1 },
        proposed: [expect.objectContaining({ candidate, id: 'no-invented-codes', proposedBy: 'user:rita' })],
      }),
    );

    const only = await call('/api/eval-runs', 'rita', {
      prompt: PROMPT,
      version: 1,
      only: { proposed: [candidate] },
    });
    expect(only.status, JSON.stringify(only.body)).toBe(200);
    const [suite] = only.body.suites;
    expect(suite).toMatchObject({ suite: 'support/answer', total: 0, recorded: false, cases: [] });
    expect(suite.proposed).toEqual([
      expect.objectContaining({ candidate, caseId: 'no-invented-codes', pass: false }),
    ]);
    expect(JSON.stringify(suite.proposed[0].repeats[0].assertions)).toContain('ACME50');
  });

  it("runs the suites on an author's draft, proposed cases apart, and records nothing", async () => {
    const before = await call(`/api/evals/prompt/${PROMPT}?version=1`, 'viv');
    const bad = await call('/api/eval-runs', 'ann', {
      prompt: PROMPT,
      suites: ['support/answer'],
      draft: { content: draft() },
    });
    expect(bad.status, JSON.stringify(bad.body)).toBe(200);
    expect(bad.body).toMatchObject({ prompt: PROMPT, version: null, environment: 'production' });
    expect(bad.body.tokens).toEqual(expect.any(Number));
    expect(bad.body.suites[0]).toMatchObject({ passed: 2, total: 2, passRate: 1, thresholdFailures: [] });
    expect(bad.body.suites[0].proposed[0].pass).toBe(false);

    const fixed = await call('/api/eval-runs', 'ann', {
      prompt: PROMPT,
      suites: ['support/answer'],
      draft: {
        content: draft({
          messages: [
            { role: 'system', content: GUIDELINE },
            { role: 'user', content: '{{ question }}' },
          ],
        }),
      },
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.suites[0].proposed[0]).toMatchObject({ pass: true });
    expect(fixed.body.suites[0].recorded).toBe(false);
    expect(fixed.body.tokens).toBeGreaterThan(bad.body.tokens);
    // Drafts are never recorded: the version's results are as they were.
    expect((await call(`/api/evals/prompt/${PROMPT}?version=1`, 'viv')).body).toEqual(before.body);
  });

  it("records a version's full run as system:evals, naming who asked; proposed cases count in no figure", async () => {
    const run = await call('/api/eval-runs', 'ann', {
      prompt: PROMPT,
      version: 1,
      suites: ['support/answer'],
    });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.suites[0]).toMatchObject({ passed: 2, total: 2, recorded: true });
    const history = await call(`/api/eval-history/prompt/${PROMPT}`, 'viv');
    const [entry] = history.body.suites[0].versions;
    expect(entry).toMatchObject({ version: 1, passed: 2, total: 2, recordedBy: EVALS_ACTOR });
    expect(entry.proposedCases).toEqual([
      expect.objectContaining({ caseId: 'no-invented-codes', pass: false }),
    ]);
    expect(entry.cases.map((item: { caseId: string }) => item.caseId)).toEqual(['parcel', 'short']);
    const audit = await call('/api/audit?limit=5', 'admin');
    expect(audit.body.items[0]).toMatchObject({ actor: EVALS_ACTOR, action: 'eval-record', target: PROMPT });

    const tokensAnswer = await call(`/api/rendered-tokens/${PROMPT}?versions=1`, 'viv');
    expect(tokensAnswer.body).toEqual({ name: PROMPT, tokens: { 1: expect.any(Number) } });
  });

  it('makes a case from a failed eval case with the variables of the suite file', async () => {
    const run = await call('/api/eval-runs', 'ann', {
      prompt: PROMPT,
      version: 1,
      suites: ['support/codes'],
    });
    expect(run.body.suites[0]).toMatchObject({ passed: 0, total: 1, recorded: true });
    const made = await call('/api/eval-cases', 'rita', {
      from: { evalCase: { prompt: PROMPT, version: 1, suite: 'support/codes', case: 'no-codes' } },
      suite: 'support/answer',
      expected: { assert: [{ type: 'not-icontains', value: 'ACME50' }] },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({
      variablesFrom: 'suite-case',
      case: { variables: { question: 'a discount please' } },
    });
    // A case that did not fail is refused, naming it.
    const passed = await call('/api/eval-cases', 'rita', {
      from: { evalCase: { prompt: PROMPT, version: 1, suite: 'support/answer', case: 'parcel' } },
      suite: 'support/answer',
      expected: { assert: [{ type: 'icontains', value: 'parcel' }] },
    });
    expect(passed.status).toBe(400);
    expect(passed.body.error.details).toMatchObject({ parameter: 'from.evalCase.case' });
  });

  it('records nothing for a run outside production, or one the caller abandoned; names who asked in the audit', async () => {
    const before = (await call(`/api/eval-history/prompt/${PROMPT}`, 'viv')).body;
    const staging = await call('/api/eval-runs', 'ann', {
      prompt: PROMPT,
      version: 1,
      environment: 'staging',
      suites: ['support/answer'],
    });
    expect(staging.status, JSON.stringify(staging.body)).toBe(200);
    expect(staging.body.suites[0]).toMatchObject({ passed: 2, total: 2, recorded: false });

    fixture.server.setRules([{ reply: 'Slow answer about my parcel.', faults: { latencyMs: 1500 } }]);
    try {
      const controller = new AbortController();
      const abandoned = fetch(`${url}/api/eval-runs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.get('ann')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: PROMPT, version: 1, suites: ['support/answer'] }),
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 300);
      await expect(abandoned).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 2500));
    } finally {
      fixture.server.setRules([{ reply: (request) => `Happy to help with ${request.lastUserMessage}.` }]);
    }
    expect((await call(`/api/eval-history/prompt/${PROMPT}`, 'viv')).body).toEqual(before);

    const audit = await call('/api/audit?limit=50', 'admin');
    const recorded = (audit.body.items as { action: string; details: Record<string, unknown> }[]).find(
      (entry) => entry.action === 'eval-record',
    );
    expect(recorded?.details).toMatchObject({ requestedBy: 'user:ann' });
  });

  it('refuses a viewer, and names the parameter of a bad request', async () => {
    const viewer = await call('/api/eval-runs', 'viv', { prompt: PROMPT, version: 1 });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.code).toBe('forbidden');
    const neither = await call('/api/eval-runs', 'ann', { prompt: PROMPT });
    expect(neither.status).toBe(400);
    expect(neither.body.error.details).toMatchObject({ parameter: 'version' });
    const unknown = await call('/api/eval-runs', 'ann', {
      prompt: PROMPT,
      version: 1,
      suites: ['support/nope'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('support/answer');
    expect(unknown.body.error.details).toMatchObject({ parameter: 'suites' });
    const missing = await call('/api/eval-runs', 'ann', { prompt: 'support/other', version: 1 });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('prompt_not_found');
    const badDraft = await call('/api/eval-runs', 'ann', {
      prompt: PROMPT,
      draft: { content: { ...draft(), messages: 'not a list' } },
    });
    expect(badDraft.status).toBe(400);
    expect(badDraft.body.error.message).toContain('messages');
    const extra = await call('/api/eval-runs', 'ann', { prompt: PROMPT, version: 1, colour: 'red' });
    expect(extra.status).toBe(400);
  });
});
