import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PromptContent } from '../../src/catalog/content/prompt-content.ts';
import { readProject } from '../../src/catalog/files/read-project.ts';
import {
  createExperimentWatch,
  EXPERIMENTS_ACTOR,
  settleExperiments,
} from '../../src/evaluation/experiments/index.ts';
import { postRunFeedback } from '../../src/evaluation/feedback/index.ts';
import { verifyAuditChain } from '../../src/governance/audit/index.ts';
import { createRuntime, type Runtime } from '../../src/runtime/create-runtime.ts';
import { createProvider, type ModelProvider } from '../../src/runtime/providers/index.ts';
import { createServer, type PromptopsServer } from '../../src/server/create-server.ts';
import { insertExperiment, listAuditEntries } from '../../src/store/index.ts';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.ts';
import { type GovernanceFixture, startGovernanceFixture } from '../governance/governance-fixture.ts';
import { describeEachDatabase } from '../support/databases.ts';

const PROMPT = 'support/classify-intent';
const EXAMPLE = new URL('../../../../examples/acme-support', import.meta.url).pathname;
/** Only the canary version's system prompt says this, so the scripted model can answer it alone. */
const CANARY_MARK = 'Answer in the terse house style.';
const GOOD = { reply: { json: { intent: 'billing', confidence: 0.95, entities: {} } } };

/**
 * Issue 10, item 4b: A/B experiments on the stable/canary split, with real runs through the runtime
 * against the scripted model, the experiment watch as `serve` runs it, and the REST routes.
 */
describeEachDatabase('A/B experiments between the stable and canary versions', (database) => {
  let fixture: GovernanceFixture;
  let model: ScriptedModelServer;
  let runtime: Runtime;
  let providers: Record<string, ModelProvider>;
  let server: PromptopsServer;
  let url: string;
  const tokens = new Map<string, string>();
  const logged: { level: string; message: string }[] = [];
  const log = (level: string) => (_fields: object, message: string) => void logged.push({ level, message });
  const logger = { info: log('info'), warn: log('warn'), error: log('error') };

  beforeAll(async () => {
    fixture = await startGovernanceFixture(await database.open());
    model = await startScriptedModelServer({ rules: [GOOD], announce: false, requireApiKey: 'sk-test' });
    const project = await readProject(EXAMPLE);
    const env = { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-test' };
    const baseUrls: Record<string, string> = {
      openai: model.openaiBaseUrl,
      anthropic: model.anthropicBaseUrl,
    };
    providers = {};
    for (const [name, settings] of Object.entries(project.config.providers)) {
      providers[name] = createProvider(name, { ...settings, base_url: baseUrls[name] }, { env });
    }
    runtime = await createRuntime({
      handle: fixture.handle,
      catalog: fixture.catalog,
      config: project.config,
      policies: fixture.policies,
      providers,
      retries: 0,
      sampling: { worker: false },
    });
    server = await createServer({
      handle: fixture.handle,
      catalog: fixture.catalog,
      governance: fixture.governance,
      runtime,
    });
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await fixture.as('admin');
    for (const username of ['dan', 'viv', 'alice']) {
      tokens.set(username, (await fixture.governance.tokens.create(admin, { name: 'ab', username })).token);
    }
    await fixture.governance.webhooks.add(admin, {
      name: 'experiments',
      url: 'https://hooks.example.com/promptops',
      events: ['experiment.*'],
      secretEnv: 'HOOK_SECRET',
    });
    // A change ships as a 50% canary through the usual review: v1 stable, v2 canary.
    const current = await fixture.catalog.resolve('prompt', PROMPT, { version: 1 });
    const content = structuredClone(current.content) as PromptContent;
    content.messages![0]!.content = `${content.messages![0]!.content}\n${CANARY_MARK}`;
    const change = await fixture.governance.changes.propose(await fixture.as('alice'), {
      kind: 'prompt',
      name: PROMPT,
      environment: 'production',
      title: 'Terser answers',
      content: { content, parentVersion: 1 },
    });
    await fixture.governance.changes.approve(await fixture.as('rita'), {
      id: change.id,
      reason: 'reads well',
    });
    await fixture.governance.deployments.deploy(await fixture.as('dan'), {
      id: change.id,
      canaryPercent: 50,
      reason: 'terse answers on half the traffic',
    });
  });

  afterAll(async () => {
    await server?.close();
    await runtime?.close();
    await Promise.all(Object.values(providers ?? {}).map((provider) => provider.close?.()));
    await model?.close();
    await fixture?.close();
  });

  const api = async (path: string, user: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${tokens.get(user)}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: JSON.parse(await response.text()) };
  };

  /** `count` customers classify a message each; sticky keys split them between the arms. */
  async function traffic(count: number, offset = 0) {
    const runs: { runId: string; arm: string | null; status: string }[] = [];
    for (let index = 0; index < count; index += 1) {
      const result = await runtime.run(
        PROMPT,
        { customer_message: 'I was charged twice for my order' },
        { environment: 'production', stickyKey: `customer-${offset + index}` },
      );
      runs.push({ runId: result.runId, arm: result.arm, status: result.status });
    }
    await runtime.flush();
    return runs;
  }

  const watch = () => createExperimentWatch({ db: fixture.handle.db, log: logger, everyMs: 0 });

  it('starts over REST for a deployer only, naming a bad field, and concludes at the horizon with the result', async () => {
    const start = {
      prompt: PROMPT,
      metric: 'feedback',
      minPerArm: 20,
      maxDuration: '14d',
      guardrails: ['error-rate'],
      reason: 'do terse answers please customers more?',
    };
    const forbidden = await api('/api/experiments', 'viv', start);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toMatchObject({
      code: 'forbidden',
      details: { action: 'experiment-manage' },
    });
    const tooFew = await api('/api/experiments', 'dan', { ...start, minPerArm: 1 });
    expect(tooFew.status).toBe(400);
    expect(tooFew.body.error).toMatchObject({
      code: 'invalid_argument',
      details: { parameter: 'body/minPerArm' },
    });
    const unknownMetric = await api('/api/experiments', 'dan', { ...start, metric: 'happiness' });
    expect(unknownMetric.body.error.details).toEqual({ parameter: 'body/metric' });
    const badDuration = await api('/api/experiments', 'dan', { ...start, maxDuration: '30m' });
    expect(badDuration.status).toBe(400);
    expect(badDuration.body.error.details).toEqual({ parameter: 'maxDuration' });

    const started = await api('/api/experiments', 'dan', start);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      prompt: PROMPT,
      environment: 'production',
      controlVersion: 1,
      treatmentVersion: 2,
      metric: 'feedback',
      direction: 'higher',
      guardrails: ['error-rate'],
      stoppingRule: { minPerArm: 20, maxDuration: '14d', alpha: 0.05, guardrailAlpha: 0.01 },
      state: 'running',
      startedBy: 'user:dan',
    });
    const id = started.body.id as number;
    const again = await api('/api/experiments', 'dan', start);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(`experiment #${id} already runs`);

    // Customers score the terse canary better: +1 on most canary runs, a mix on the stable ones.
    const score = async (runs: { runId: string; arm: string | null }[]) => {
      const dan = await fixture.as('dan');
      for (const [index, run] of runs.entries()) {
        const value = run.arm === 'canary' ? (index % 5 === 0 ? 0 : 1) : index % 3 === 0 ? 0.5 : -0.5;
        await postRunFeedback({ db: fixture.handle.db }, dan, { runId: run.runId, score: value });
      }
    };
    const first = await traffic(24);
    await score(first);
    expect(new Set(first.map((run) => run.arm))).toEqual(new Set(['stable', 'canary']));

    // Before the horizon: per-arm figures, no verdict on the goal, and the watch leaves it running.
    const live = await api(`/api/experiments/${id}`, 'viv');
    expect(live.status).toBe(200);
    const counted = (arm: string) => first.filter((run) => run.arm === arm).length;
    expect(live.body.live).toMatchObject({
      horizonReached: false,
      goal: {
        metric: 'feedback',
        control: { n: counted('stable'), runs: counted('stable') },
        treatment: { n: counted('canary'), runs: counted('canary') },
        comparison: null,
      },
      guardrails: [{ metric: 'error-rate', breached: false }],
    });
    expect(live.body.live.goal.treatment.mean).toBeGreaterThan(live.body.live.goal.control.mean);
    expect(await watch().tick()).toMatchObject({ outcome: 'ran', report: { checked: 1, ended: [] } });

    // Enough samples in both arms: the next pass concludes, once, as system:experiments.
    await score(await traffic(40, 24));
    const pass = await watch().tick();
    expect(pass).toMatchObject({ outcome: 'ran', report: { ended: [{ id, state: 'concluded' }] } });
    const shown = await api(`/api/experiments/${id}`, 'viv');
    expect(shown.body).toMatchObject({ state: 'concluded', endedBy: EXPERIMENTS_ACTOR, live: null });
    const result = shown.body.result;
    expect(result).toMatchObject({ outcome: 'treatment wins', horizonReached: true });
    expect(result.figures.goal.control.n).toBeGreaterThanOrEqual(20);
    expect(result.figures.goal.treatment.n).toBeGreaterThanOrEqual(20);
    expect(result.figures.goal.comparison).toMatchObject({ test: 'welch-t' });
    expect(result.figures.goal.comparison.pValue).toBeLessThan(0.05);
    expect(result.figures.goal.comparison.interval.lower).toBeGreaterThan(0);
    expect(result.reason).toMatch(/^feedback: treatment .+ vs control .+ \(n \d+ \/ \d+\); difference \+/);
    const [entry] = await listAuditEntries(fixture.handle.db, { actor: EXPERIMENTS_ACTOR });
    expect(entry).toMatchObject({
      action: 'experiment-conclude',
      target: PROMPT,
      details: { experiment: id, outcome: 'treatment wins', control_version: 1, treatment_version: 2 },
    });
    expect(
      logged.some((line) =>
        line.message.startsWith(`experiment #${id} on ${PROMPT} (production) concluded: treatment wins`),
      ),
    ).toBe(true);
    // Nothing left to end: a second pass changes nothing.
    expect(await watch().tick()).toMatchObject({ outcome: 'ran', report: { checked: 0, ended: [] } });
  });

  it('ends early when a guardrail shows the treatment significantly worse', async () => {
    const started = await api('/api/experiments', 'dan', {
      prompt: PROMPT,
      metric: 'latency',
      // 40 runs cannot bring both arms to 40: the breach comes before the horizon, at about half of it.
      minPerArm: 40,
      maxDuration: '7d',
      guardrails: ['error-rate'],
      reason: 'is the terse prompt faster?',
    });
    expect(started.status).toBe(201);
    // The canary starts answering with text that is not the JSON it asks for: every canary run fails.
    model.setRules([{ match: { anyMessage: CANARY_MARK }, reply: 'Billing, I think.' }, GOOD]);
    try {
      await traffic(40, 100);
    } finally {
      model.setRules([GOOD]);
    }
    const pass = await watch().tick();
    expect(pass).toMatchObject({ outcome: 'ran', report: { ended: [{ state: 'concluded' }] } });
    const shown = (await api(`/api/experiments/${started.body.id}`, 'dan')).body;
    expect(shown.result).toMatchObject({ outcome: 'guardrail breached', horizonReached: false });
    const [guardrail] = shown.result.figures.guardrails;
    expect(guardrail).toMatchObject({ metric: 'error-rate', breached: true });
    expect(guardrail.treatment.mean).toBe(1);
    // Tested at this look's spent level, far below the guardrail alpha this early.
    expect(guardrail.level).toBeGreaterThan(0);
    expect(guardrail.level).toBeLessThan(0.001);
    expect(guardrail.comparison.pValue).toBeLessThan(guardrail.level);
    // Ended before the horizon: the goal's arms are shown, its comparison is not (nor in the list).
    expect(shown.result.figures.goal).toMatchObject({ metric: 'latency', comparison: null });
    expect(shown.result.figures.goal.control.n).toBeGreaterThan(0);
    expect(shown.endReason).toMatch(
      /^guardrail breached: guardrail breached: error-rate: treatment 100% vs control 0%/,
    );
    expect(logged.some((line) => line.level === 'warn' && line.message.includes('guardrail breached'))).toBe(
      true,
    );
  });

  it('stops by hand with the figures so far, and is interrupted when the canary goes', async () => {
    const base = {
      prompt: PROMPT,
      metric: 'error-rate',
      minPerArm: 500,
      maxDuration: '14d',
      reason: 'fewer failures?',
    };
    const first = (await api('/api/experiments', 'dan', base)).body;
    expect((await api(`/api/experiments/${first.id}/stop`, 'viv', { reason: 'enough' })).status).toBe(403);
    expect((await api(`/api/experiments/${first.id}/stop`, 'dan', {})).body.error.details).toEqual({
      parameter: 'body',
    });
    const stopped = await api(`/api/experiments/${first.id}/stop`, 'dan', {
      reason: 'the team needs the canary slot',
    });
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({
      state: 'stopped',
      endedBy: 'user:dan',
      endReason: 'the team needs the canary slot',
      result: { outcome: 'stopped', horizonReached: false },
    });
    expect((await api(`/api/experiments/${first.id}/stop`, 'dan', { reason: 'again' })).status).toBe(409);
    expect((await api('/api/experiments/999999', 'dan')).body.error.code).toBe('experiment_not_found');

    // Fifteen days on, far from 500 per arm: inconclusive, with the figures up to the maximum duration.
    const slow = (await api('/api/experiments', 'dan', base)).body;
    await traffic(6, 300);
    const later = new Date(Date.now() + 15 * 24 * 3600_000);
    const settled = await settleExperiments({ db: fixture.handle.db, clock: () => later, log: logger });
    expect(settled.ended.map((item) => [item.id, item.state])).toEqual([[slow.id, 'concluded']]);
    const inconclusive = (await api(`/api/experiments/${slow.id}`, 'viv')).body;
    expect(inconclusive.result).toMatchObject({
      outcome: 'inconclusive (under-powered)',
      horizonReached: false,
    });
    expect(inconclusive.result.figures.until).toBe(inconclusive.stoppingRule.endsBy);
    const slowN = inconclusive.result.figures.goal.control.n + inconclusive.result.figures.goal.treatment.n;
    expect(slowN).toBe(6);
    expect(inconclusive.endReason).toMatch(
      /^inconclusive \(under-powered\): max duration reached with \d+ treatment and \d+ control samples of error-rate, 500 per arm needed$/,
    );

    const second = (await api('/api/experiments', 'dan', base)).body;
    await traffic(10, 200);
    await fixture.governance.deployments.rollback(await fixture.as('dan'), {
      kind: 'prompt',
      name: PROMPT,
      environment: 'production',
      reason: 'back to v1',
    });
    const pass = await watch().tick();
    expect(pass).toMatchObject({
      outcome: 'ran',
      report: { ended: [{ id: second.id, state: 'interrupted' }] },
    });
    const shown = (await api(`/api/experiments/${second.id}`, 'viv')).body;
    expect(shown).toMatchObject({
      state: 'interrupted',
      endReason: `the deployment of ${PROMPT} in production changed (now stable v1, no canary; the experiment compared stable v1 with canary v2)`,
      result: { outcome: 'interrupted' },
    });
    expect(shown.result.figures.goal.control.n + shown.result.figures.goal.treatment.n).toBe(10);
    // Interrupted before the horizon: neither the figures nor the reason carry the goal's comparison.
    expect(shown.result.figures.goal.comparison).toBeNull();
    expect(shown.result.reason).toMatch(/^error-rate: treatment .+ vs control .+ \(n \d+ \/ \d+\)$/);

    // Without a canary there is nothing to compare.
    const refused = await api('/api/experiments', 'dan', base);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('has no canary in production');

    // The list, by state and prompt; a viewer of billing/ only sees none of them.
    const list = (await api(`/api/experiments?prompt=${PROMPT}`, 'viv')).body.experiments;
    expect(list.map((item: { state: string }) => item.state)).toEqual([
      'interrupted',
      'concluded',
      'stopped',
      'concluded',
      'concluded',
    ]);
    const concluded = (await api('/api/experiments?state=concluded', 'dan')).body.experiments;
    expect(concluded).toHaveLength(3);
    for (const item of list) {
      if (!item.result.horizonReached) expect(item.result.figures.goal.comparison).toBeNull();
    }

    // The caller's grants go into the query: newer experiments on prompts a support/ viewer may not
    // read do not use up its page (it used to get an empty list for ?limit=1).
    const newest = list[0];
    for (const prompt of ['billing/refund-policy', 'billing/invoice-help']) {
      await insertExperiment(fixture.handle.db, {
        prompt,
        environment: 'production',
        controlVersion: 1,
        treatmentVersion: 2,
        canaryStartedAt: null,
        metric: 'error-rate',
        direction: 'lower',
        guardrails: [],
        minPerArm: 100,
        maxDuration: '7d',
        endsBy: new Date(Date.now() + 7 * 24 * 3600_000),
        alpha: 0.05,
        guardrailAlpha: 0.01,
        state: 'stopped',
        reason: 'elsewhere',
        startedBy: 'user:dan',
        startedAt: new Date(),
      });
    }
    const admin = await fixture.as('admin');
    await fixture.governance.users.create(admin, {
      username: 'sue',
      grants: [{ role: 'viewer', prefix: 'support/' }],
    });
    tokens.set('sue', (await fixture.governance.tokens.create(admin, { name: 'ab', username: 'sue' })).token);
    const page = (await api('/api/experiments?limit=1', 'sue')).body.experiments;
    expect(page.map((item: { id: number }) => item.id)).toEqual([newest.id]);
    const everything = (await api('/api/experiments?limit=2', 'viv')).body.experiments;
    expect(everything.map((item: { prompt: string }) => item.prompt)).toEqual([
      'billing/invoice-help',
      'billing/refund-policy',
    ]);
    expect((await api('/api/experiments?state=paused', 'dan')).body.error.details).toEqual({
      parameter: 'querystring/state',
    });

    // Audited, chained, and announced to the webhook in the same transactions.
    const actions = (await listAuditEntries(fixture.handle.db, {}))
      .map((entry) => entry.action)
      .filter((action) => action.startsWith('experiment-'));
    expect(actions.sort()).toEqual(
      [
        'experiment-start',
        'experiment-conclude',
        'experiment-start',
        'experiment-conclude',
        'experiment-start',
        'experiment-stop',
        'experiment-start',
        'experiment-interrupt',
        'experiment-start',
        'experiment-conclude',
      ].sort(),
    );
    expect((await verifyAuditChain(fixture.handle.db)).ok).toBe(true);
    const deliveries = await fixture.governance.webhooks.deliveries(await fixture.as('admin'));
    expect(deliveries.map((delivery) => delivery.event).sort()).toEqual(
      [
        'experiment.started',
        'experiment.concluded',
        'experiment.started',
        'experiment.concluded',
        'experiment.started',
        'experiment.stopped',
        'experiment.started',
        'experiment.interrupted',
        'experiment.started',
        'experiment.concluded',
      ].sort(),
    );
  });
});
