import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, apiClient } from './api-client.ts';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

/** Low risk in the fixture: one approval by a reviewer, no reason or canary required. */
const FAST = 'support/fast-answer';

describe('change requests, deployments and evals over HTTP', () => {
  let fixture: ServerFixture;
  const { expectStatus, expectError } = apiClient(() => fixture);

  beforeAll(async () => {
    fixture = await startServerFixture();
    await addUser(fixture, 'rita', [{ role: 'reviewer', prefix: 'support/' }]);
    await addUser(fixture, 'dan', [{ role: 'deployer', prefix: 'support/' }]);
  });
  afterAll(() => fixture?.close());

  const contentOf = async (name: string, version: number) =>
    (await expectStatus(200, `/api/artifacts/prompt/${name}?version=${version}`, { as: 'alice' })).version
      .content;

  it('walks propose → approve → deploy → canary → promote → rollback, and the audit chain verifies', async () => {
    const first = await expectStatus(201, '/api/changes', {
      as: 'alice',
      body: { name: FAST, environment: 'production', title: 'Serve the fast answer' },
    });
    expect(first).toMatchObject({
      name: FAST,
      version: 1,
      state: 'open',
      baseVersion: null,
      author: 'user:alice',
    });
    const approved = await expectStatus(200, `/api/changes/${first.id}/approve`, {
      as: 'rita',
      body: { reason: 'looks right', revision: first.revision },
    });
    expect(approved.state).toBe('approved');
    // Every field of a deploy is optional: no body at all will do.
    const deployed = await expectStatus(200, `/api/changes/${first.id}/deploy`, {
      as: 'dan',
      method: 'POST',
    });
    expect(deployed.deployment).toMatchObject({
      environment: 'production',
      stableVersion: 1,
      canaryVersion: null,
    });

    // Version 2, proposed with its content and the version it was based on.
    const content = await contentOf(FAST, 1);
    const second = await expectStatus(201, '/api/changes', {
      as: 'alice',
      body: {
        name: FAST,
        environment: 'production',
        title: 'Describe it better',
        content: { content: { ...content, description: 'Answers in one short line.' }, parentVersion: 1 },
      },
    });
    expect(second).toMatchObject({ version: 2, baseVersion: 1, state: 'open' });
    await expectStatus(200, `/api/changes/${second.id}/approve`, { as: 'rita', body: {} });
    const canary = await expectStatus(200, `/api/changes/${second.id}/deploy`, {
      as: 'dan',
      body: { canaryPercent: 20, reason: 'try it on a fifth' },
    });
    expect(canary.deployment).toMatchObject({ stableVersion: 1, canaryVersion: 2, canaryPercent: 20 });
    const target = { name: FAST, environment: 'production' };
    const wider = await expectStatus(200, '/api/deployments/canary', {
      as: 'dan',
      body: { ...target, percent: 50 },
    });
    expect(wider).toMatchObject({ canaryVersion: 2, canaryPercent: 50 });
    const promoted = await expectStatus(200, '/api/deployments/promote', { as: 'dan', body: target });
    expect(promoted).toMatchObject({ stableVersion: 2, canaryVersion: null });
    const rolledBack = await expectStatus(200, '/api/deployments/rollback', {
      as: 'dan',
      body: { ...target, reason: 'v2 answers worse' },
    });
    expect(rolledBack).toMatchObject({ stableVersion: 1, canaryVersion: null });

    const history = await expectStatus(200, `/api/deployments/prompt/${FAST}`, { as: 'alice' });
    expect(history.versions.map((version: { version: number }) => version.version)).toEqual([1, 2]);
    expect(history.deploymentEvents.map((event: { action: string }) => event.action)).toEqual([
      'rollback',
      'canary-promote',
      'canary-set',
      'canary-start',
      'deploy',
    ]);
    const shown = await expectStatus(200, `/api/changes/${second.id}`, { as: 'alice' });
    expect(shown).toMatchObject({ state: 'deployed', approvals: { count: 1, needed: 1 } });
    expect(shown.events.map((event: { kind: string }) => event.kind)).toEqual([
      'propose',
      'approve',
      'deploy',
    ]);

    const audit = await expectStatus(200, `/api/audit?target=${FAST}&limit=50`, { as: 'admin' });
    expect(audit.items.map((entry: { action: string }) => entry.action)).toContain('deployment-rollback');
    const verified = await expectStatus(200, '/api/audit/verify', { as: 'admin' });
    expect(verified).toMatchObject({ ok: true, entries: expect.any(Number) });
    expect(verified.entries).toBeGreaterThan(10);
  });

  it('refuses a proposal based on a stale parent version with 409, and keeps the newer version', async () => {
    const name = 'support/compressed-classify';
    const content = await contentOf(name, 1);
    await expectStatus(201, '/api/changes', {
      as: 'alice',
      body: {
        name,
        environment: 'staging',
        title: 'First edit',
        content: { content: { ...content, description: 'edit one' }, parentVersion: 1 },
      },
    });
    const stale = await expectError(409, 'conflict', '/api/changes', {
      as: 'alice',
      body: {
        name,
        environment: 'development',
        title: 'Second edit from the same base',
        content: { content: { ...content, description: 'edit two' }, parentVersion: 1 },
      },
    });
    expect(stale.message).toContain('is at version 2');
    expect(stale.details).toMatchObject({ expectedParent: 1, headVersion: 2 });
    expect((await contentOf(name, 2)).description).toBe('edit one');
  });

  it('refuses a review of a revision that is no longer current with 409', async () => {
    const change = await expectStatus(201, '/api/changes', {
      as: 'alice',
      body: { name: 'support/classify-intent', environment: 'production', title: 'Reclassify' },
    });
    await expectStatus(201, `/api/changes/${change.id}/comments`, {
      as: 'rita',
      body: { body: 'What about refunds?' },
    });
    await expectStatus(200, `/api/changes/${change.id}/reject`, {
      as: 'rita',
      body: { reason: 'misses refunds', revision: change.revision },
    });
    const error = await expectError(409, 'conflict', `/api/changes/${change.id}/withdraw`, {
      as: 'alice',
      body: { revision: change.revision },
    });
    expect(error.message).toContain('changed since you read it');
    const shown = await expectStatus(200, `/api/changes/${change.id}`, { as: 'alice' });
    expect(shown.events.map((event: { kind: string; body: string }) => [event.kind, event.body])).toEqual([
      ['propose', 'Reclassify'],
      ['comment', 'What about refunds?'],
      ['reject', 'misses refunds'],
    ]);
  });

  it('lists change requests newest first, filtered, a page at a time', async () => {
    const name = 'support/gather-information';
    const ids: number[] = [];
    for (const environment of ['development', 'staging', 'production']) {
      ids.push(
        (
          await expectStatus(201, '/api/changes', {
            as: 'alice',
            body: { name, environment, title: `to ${environment}` },
          })
        ).id,
      );
    }
    const first = await expectStatus(200, `/api/changes?name=${name}&limit=2`, { as: 'alice' });
    expect(first.items.map((item: { id: number }) => item.id)).toEqual([ids[2], ids[1]]);
    expect(first.next).toEqual(expect.any(String));
    const second = await expectStatus(200, `/api/changes?name=${name}&limit=2&cursor=${first.next}`, {
      as: 'alice',
    });
    expect(second.items.map((item: { id: number }) => item.id)).toEqual([ids[0]]);
    expect(second.next).toBeNull();
    const open = await expectStatus(200, `/api/changes?name=${name}&state=open`, { as: 'alice' });
    expect(open.items.map((item: { environment: string }) => item.environment)).toEqual(['production']);
    const notMine = await expectStatus(200, '/api/changes', { as: 'viv' });
    expect(notMine.items).toEqual([]); // a viewer on billing/ reads no support/ change
    await expectError(400, 'invalid_argument', '/api/changes?cursor=not-a-cursor', { as: 'alice' });
  });

  it('records eval results and shows the newest per suite on a version', async () => {
    const body = {
      name: 'support/classify-intent',
      version: 1,
      suite: 'support/intents',
      passed: 9,
      total: 10,
    };
    const recorded = await expectStatus(201, '/api/evals', { as: 'dan', body });
    expect(recorded).toMatchObject({ suite: 'support/intents', version: 1, passRate: 0.9 });
    await expectStatus(201, '/api/evals', { as: 'dan', body: { ...body, passed: 10 } });
    const latest = await expectStatus(200, '/api/evals/prompt/support/classify-intent?version=1', {
      as: 'alice',
    });
    expect(latest).toMatchObject({ name: 'support/classify-intent', version: 1 });
    expect(latest.results).toEqual([
      expect.objectContaining({ suite: 'support/intents', passed: 10, total: 10 }),
    ]);
    await expectError(403, 'forbidden', '/api/evals', { as: 'alice', body });
    await expectError(404, 'version_not_found', '/api/evals', { as: 'dan', body: { ...body, version: 99 } });
    const field = await expectError(400, 'invalid_argument', '/api/evals', {
      as: 'dan',
      body: { ...body, total: 0 },
    });
    expect(field.details.parameter).toBe('body/total');
  });

  it('checks the role on every route group: 403 with the envelope naming the role', async () => {
    const proposal = { name: FAST, environment: 'staging', title: 'x' };
    const propose = await expectError(403, 'forbidden', '/api/changes', { as: 'viv', body: proposal });
    expect(propose.details).toMatchObject({ action: 'change-propose', role: 'author' });
    const change = await expectStatus(201, '/api/changes', {
      as: 'alice',
      body: { name: 'support/assistant', environment: 'production', title: 'y' },
    });
    await expectError(403, 'forbidden', `/api/changes/${change.id}/approve`, { as: 'alice', body: {} });
    await expectError(403, 'forbidden', `/api/changes/${change.id}`, { as: 'viv' });
    await expectError(403, 'forbidden', `/api/changes/${change.id}/deploy`, { as: 'rita', body: {} });
    const target = { name: FAST, environment: 'production' };
    await expectError(403, 'forbidden', '/api/deployments/rollback', { as: 'alice', body: target });
    await expectError(403, 'forbidden', `/api/deployments/prompt/${FAST}`, { as: 'viv' });
    await expectError(401, 'unauthenticated', '/api/changes');
  });

  it('answers 404 for what does not exist and 400 naming the bad field', async () => {
    await expectError(404, 'change_request_not_found', '/api/changes/9999', { as: 'alice' });
    await expectError(404, 'change_request_not_found', '/api/changes/9999/approve', { as: 'rita', body: {} });
    await expectError(404, 'prompt_not_found', '/api/deployments/promote', {
      as: 'dan',
      body: { name: 'support/nope', environment: 'production' },
    });
    const unknown = await expectError(400, 'invalid_argument', '/api/changes', {
      as: 'alice',
      body: { name: FAST, environment: 'production', title: 'z', approvers: 2 },
    });
    expect(unknown.message).toBe('body: unknown field "approvers"');
    const percent = await expectError(400, 'invalid_argument', '/api/deployments/canary', {
      as: 'dan',
      body: { name: FAST, environment: 'production', percent: 150 },
    });
    expect(percent.details.parameter).toBe('body/percent');
    const id = await expectError(400, 'invalid_argument', '/api/changes/abc', { as: 'alice' });
    expect(id.details.parameter).toBe('params/id');
    const reason = await expectError(400, 'invalid_argument', '/api/changes/1/reject', {
      as: 'rita',
      body: {},
    });
    expect(reason.message).toContain('reason');
  });
});
