import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, apiClient } from './api-client.ts';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

const COMPRESSED = 'support/compressed-classify';

describe('freezes, webhooks, label moves, retiring and diffs over HTTP', () => {
  let fixture: ServerFixture;
  const { expectStatus, expectError } = apiClient(() => fixture);

  beforeAll(async () => {
    fixture = await startServerFixture();
    await addUser(fixture, 'ops', [{ role: 'deployer', prefix: '' }]);
    await addUser(fixture, 'rita', [{ role: 'reviewer', prefix: 'support/' }]);
  });
  afterAll(() => fixture?.close());

  it('declares a freeze that stops deploys, lists it, and ends it', async () => {
    await expectError(403, 'forbidden', '/api/freezes', {
      as: 'alice',
      body: { environment: 'staging', reason: 'launch' },
    });
    const started = await expectStatus(201, '/api/freezes', {
      as: 'ops',
      body: { environment: 'staging', reason: 'launch week' },
    });
    expect(started).toMatchObject({ environment: 'staging', reason: 'launch week', source: 'declared' });
    const listed = await expectStatus(200, '/api/freezes', { as: 'ops' });
    expect(listed.items).toEqual([expect.objectContaining({ environment: 'staging', by: 'user:ops' })]);

    const change = await expectStatus(201, '/api/changes', {
      as: 'alice',
      body: { name: COMPRESSED, environment: 'staging', title: 'during the freeze' },
    });
    const refused = await expectError(422, 'policy_refused', `/api/changes/${change.id}/deploy`, {
      as: 'ops',
      method: 'POST',
    });
    expect(refused.message).toContain('launch week');

    expect(
      await expectStatus(200, '/api/freezes/staging?reason=launched', { as: 'ops', method: 'DELETE' }),
    ).toEqual({ ended: 1 });
    await expectError(409, 'conflict', '/api/freezes/staging', { as: 'ops', method: 'DELETE' });
    await expectStatus(200, `/api/changes/${change.id}/deploy`, { as: 'ops', method: 'POST' });
  });

  it('lets an admin add, list and remove webhooks and read the delivery log', async () => {
    const hook = {
      name: 'chat',
      url: 'https://hooks.example.com/promptops',
      secretEnv: 'CHAT_WEBHOOK_SECRET',
      events: ['change.*'],
    };
    await expectError(403, 'forbidden', '/api/webhooks', { as: 'ops', body: hook });
    const added = await expectStatus(201, '/api/webhooks', { as: 'admin', body: hook });
    expect(added).toMatchObject({ name: 'chat', events: ['change.*'], secretEnv: 'CHAT_WEBHOOK_SECRET' });
    const listed = await expectStatus(200, '/api/webhooks', { as: 'admin' });
    expect(listed.items.map((item: { name: string }) => item.name)).toEqual(['chat']);
    const local = await expectError(400, 'invalid_argument', '/api/webhooks', {
      as: 'admin',
      body: { ...hook, name: 'local', url: 'http://127.0.0.1:9/hook' },
    });
    expect(local.message).toMatch(/private|loopback|local/i);

    await expectStatus(201, '/api/changes', {
      as: 'alice',
      body: { name: 'support/gather-information', environment: 'production', title: 'an event to deliver' },
    });
    const log = await expectStatus(200, '/api/webhooks/deliveries?name=chat', { as: 'admin' });
    expect(log.items).toEqual([expect.objectContaining({ webhook: 'chat', event: 'change.proposed' })]);

    await expectStatus(204, '/api/webhooks/chat', { as: 'admin', method: 'DELETE' });
    await expectError(404, 'user_not_found', '/api/webhooks/chat', { as: 'admin', method: 'DELETE' });
  });

  it('moves a label by break glass for admins only, with the deployment revision as a guard', async () => {
    const move = { name: 'support/fast-answer', environment: 'development', version: 1, reason: 'incident' };
    const refused = await expectError(403, 'forbidden', '/api/labels', { as: 'ops', body: move });
    expect(refused.details).toMatchObject({ action: 'label-force', role: 'admin' });
    const moved = await expectStatus(200, '/api/labels', {
      as: 'admin',
      body: { ...move, expectedRevision: 0 },
    });
    expect(moved).toMatchObject({ environment: 'development', stableVersion: 1, revision: 1 });
    await expectError(409, 'conflict', '/api/labels', {
      as: 'admin',
      body: { ...move, expectedRevision: 0 },
    });
    await expectError(404, 'version_not_found', '/api/labels', {
      as: 'admin',
      body: { ...move, version: 9 },
    });
  });

  it('diffs two versions field by field and as rendered', async () => {
    const shown = await expectStatus(200, '/api/artifacts/prompt/support/fast-answer?version=1', {
      as: 'alice',
    });
    await expectStatus(201, '/api/changes', {
      as: 'alice',
      body: {
        name: 'support/fast-answer',
        environment: 'staging',
        title: 'warmer',
        content: {
          content: {
            ...shown.version.content,
            messages: [{ role: 'user', content: 'Kindly answer: {{ question }}' }],
          },
          parentVersion: 1,
        },
      },
    });
    const diff = await expectStatus(200, '/api/diffs', {
      as: 'alice',
      body: {
        name: 'support/fast-answer',
        from: { version: 1 },
        to: { version: 2 },
        variables: { question: 'hi' },
      },
    });
    expect(diff).toMatchObject({ name: 'support/fast-answer', from: { version: 1 }, to: { version: 2 } });
    expect(diff.fields.map((field: { field: string }) => field.field)).toContain('messages[0].content');
    expect(diff.rendered.lines.join('\n')).toContain('+ Kindly answer: hi');
    await expectError(403, 'forbidden', '/api/diffs', {
      as: 'viv',
      body: { name: 'support/fast-answer', from: { version: 1 }, to: { version: 2 } },
    });
    const side = await expectError(400, 'invalid_argument', '/api/diffs', {
      as: 'alice',
      body: { name: 'support/fast-answer', from: { version: 1, environment: 'staging' }, to: { version: 2 } },
    });
    expect(side.details.parameter).toBe('body/from');
  });

  it('retires an artifact for approvers only; it then takes no new versions', async () => {
    await expectError(403, 'forbidden', '/api/artifacts/retire', {
      as: 'rita',
      body: { name: COMPRESSED, reason: 'replaced by classify-intent' },
    });
    const retired = await expectStatus(200, '/api/artifacts/retire', {
      as: 'admin',
      body: { name: COMPRESSED, reason: 'replaced by classify-intent' },
    });
    expect(retired).toMatchObject({ name: COMPRESSED, status: 'retired' });
    await expectError(409, 'retired', '/api/changes', {
      as: 'alice',
      body: { name: COMPRESSED, environment: 'development', title: 'too late' },
    });
  });
});
