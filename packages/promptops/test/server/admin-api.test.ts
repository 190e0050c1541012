import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './api-client.ts';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

describe('users, tokens and the audit trail over HTTP', () => {
  let fixture: ServerFixture;
  const { call, expectStatus, expectError } = apiClient(() => fixture);

  beforeAll(async () => {
    fixture = await startServerFixture();
  });
  afterAll(() => fixture?.close());

  it('lets an admin create, grant, revoke and disable users, and nobody else', async () => {
    const created = await expectStatus(201, '/api/users', {
      as: 'admin',
      body: {
        username: 'rita',
        displayName: 'Rita Reviewer',
        password: 'rita-correct-horse-battery',
        grants: [{ role: 'reviewer', prefix: 'support' }],
      },
    });
    expect(created).toEqual({
      username: 'rita',
      displayName: 'Rita Reviewer',
      disabled: false,
      hasPassword: true,
      grants: [{ role: 'reviewer', prefix: 'support/' }],
      createdAt: expect.any(String),
    });
    const granted = await expectStatus(200, '/api/users/rita/grants', {
      as: 'admin',
      body: { role: 'viewer', prefix: 'billing/' },
    });
    expect(granted.grants).toHaveLength(2);
    expect(granted.grants).toEqual(
      expect.arrayContaining([
        { role: 'reviewer', prefix: 'support/' },
        { role: 'viewer', prefix: 'billing/' },
      ]),
    );
    const revoked = await expectStatus(200, '/api/users/rita/grants?role=viewer&prefix=billing/', {
      as: 'admin',
      method: 'DELETE',
    });
    expect(revoked.grants).toEqual([{ role: 'reviewer', prefix: 'support/' }]);
    const listed = await expectStatus(200, '/api/users', { as: 'admin' });
    expect(listed.items.map((user: { username: string }) => user.username)).toEqual(
      expect.arrayContaining(['admin', 'alice', 'viv', 'rita']),
    );
    expect(JSON.stringify(listed)).not.toMatch(/hash|scrypt|argon/i);

    const forbidden = await expectError(403, 'forbidden', '/api/users', { as: 'alice' });
    expect(forbidden.details).toMatchObject({ action: 'user-manage', role: 'admin' });
    await expectError(403, 'forbidden', '/api/users', { as: 'alice', body: { username: 'mallory' } });
    await expectError(404, 'user_not_found', '/api/users/nobody/grants', {
      as: 'admin',
      body: { role: 'viewer' },
    });
    await expectError(409, 'conflict', '/api/users', { as: 'admin', body: { username: 'rita' } });
    const badName = await expectError(400, 'invalid_argument', '/api/users', {
      as: 'admin',
      body: { username: 'Not A Name' },
    });
    expect(badName.details.parameter).toBe('username');
    const badRole = await expectError(400, 'invalid_argument', '/api/users/rita/grants', {
      as: 'admin',
      body: { role: 'overlord' },
    });
    expect(badRole.details.parameter).toBe('body/role');

    const session = await call('/api/session', {
      body: { username: 'rita', password: 'rita-correct-horse-battery' },
    });
    expect(session.status).toBe(200);
    await expectStatus(204, '/api/users/rita/disable', { as: 'admin', body: { reason: 'left the team' } });
    const disabled = await call('/api/session', {
      body: { username: 'rita', password: 'rita-correct-horse-battery' },
    });
    expect(disabled.status).toBe(401);
  });

  it('lets anyone signed in manage their own tokens; the secret is shown once, never a hash', async () => {
    const created = await expectStatus(201, '/api/tokens', {
      as: 'alice',
      body: { name: 'laptop', expiresInDays: 7 },
    });
    expect(created.token).toMatch(/^po_/);
    expect(created.summary).toMatchObject({ username: 'alice', name: 'laptop', revokedAt: null });
    expect(created.summary.prefix).toBe(`${created.token.slice(0, 7)}…`);
    const who = await expectStatus(200, '/api/session', { as: `token:${created.token}` });
    expect(who.actor).toBe('user:alice');

    const mine = await expectStatus(200, '/api/tokens', { as: 'alice' });
    expect(mine.items.map((token: { name: string }) => token.name).sort()).toEqual(['laptop', 'test']);
    expect(mine.items.every((token: { username: string }) => token.username === 'alice')).toBe(true);
    const text = JSON.stringify(mine);
    expect(text).not.toContain(created.token);
    expect(text).not.toMatch(/hash|secret/i);
    const everyone = await expectStatus(200, '/api/tokens', { as: 'admin' });
    expect(new Set(everyone.items.map((token: { username: string }) => token.username))).toEqual(
      new Set(['admin', 'alice', 'viv']),
    );

    await expectError(403, 'forbidden', '/api/tokens', { as: 'alice', body: { name: 'x', username: 'viv' } });
    await expectError(403, 'forbidden', '/api/tokens/test?username=viv', { as: 'alice', method: 'DELETE' });
    const tooLong = await expectError(400, 'invalid_argument', '/api/tokens', {
      as: 'alice',
      body: { name: 'forever', expiresInDays: 5000 },
    });
    expect(tooLong.details.parameter).toBe('body/expiresInDays');
    await expectError(409, 'conflict', '/api/tokens', { as: 'alice', body: { name: 'laptop' } });

    const revoked = await expectStatus(200, '/api/tokens/laptop', { as: 'alice', method: 'DELETE' });
    expect(revoked.revokedAt).toEqual(expect.any(String));
    await expectError(401, 'unauthenticated', '/api/session', { as: `token:${created.token}` });
    await expectError(404, 'user_not_found', '/api/tokens/laptop', { as: 'alice', method: 'DELETE' });
  });

  it('lists the audit trail with filters, a page at a time, for readers of the whole catalog', async () => {
    const all = await expectStatus(200, '/api/audit?limit=500', { as: 'admin' });
    expect(all.next).toBeNull();
    const positions = all.items.map((entry: { position: number }) => entry.position);
    expect(positions).toEqual([...positions].sort((left, right) => right - left));

    const first = await expectStatus(200, '/api/audit?limit=3', { as: 'admin' });
    const second = await expectStatus(200, `/api/audit?limit=3&cursor=${first.next}`, { as: 'admin' });
    expect([...first.items, ...second.items]).toEqual(all.items.slice(0, 6));

    const byAction = await expectStatus(200, '/api/audit?action=token-create&actor=user:admin', {
      as: 'admin',
    });
    expect(byAction.items.length).toBeGreaterThanOrEqual(3);
    expect(
      byAction.items.every(
        (entry: { action: string; actor: string }) =>
          entry.action === 'token-create' && entry.actor === 'user:admin',
      ),
    ).toBe(true);
    const byTarget = await expectStatus(200, '/api/audit?target=support/', { as: 'admin' });
    expect(byTarget.items.every((entry: { target: string }) => entry.target.startsWith('support/'))).toBe(
      true,
    );
    const future = await expectStatus(200, '/api/audit?since=2100-01-01T00:00:00Z', { as: 'admin' });
    expect(future.items).toEqual([]);
    const newest = all.items[0].at;
    const until = await expectStatus(200, `/api/audit?until=${encodeURIComponent(newest)}&limit=1`, {
      as: 'admin',
    });
    expect(until.items[0].position).toBe(all.items[0].position);

    const badDate = await expectError(400, 'invalid_argument', '/api/audit?since=yesterday', { as: 'admin' });
    expect(badDate.details.parameter).toBe('querystring/since');
    // audit-read is granted on the whole catalog: a folder role is not enough.
    await expectError(403, 'forbidden', '/api/audit', { as: 'alice' });
    await expectError(403, 'forbidden', '/api/audit/verify', { as: 'viv' });
  });

  it('verifies the chain, and reports an altered entry as audit_broken', async () => {
    const verified = await expectStatus(200, '/api/audit/verify', { as: 'admin' });
    expect(verified).toMatchObject({ ok: true, head: { position: verified.entries } });
    const wrongHead = await expectError(
      500,
      'audit_broken',
      `/api/audit/verify?expectHead=${'0'.repeat(64)}`,
      {
        as: 'admin',
      },
    );
    expect(wrongHead.message).toContain('newest entries were removed');
    // Someone with direct database access gets round the append-only trigger first.
    const db = fixture.runtime.handle.db;
    await db.execute(sql`alter table audit_entries disable trigger audit_entries_append_only`);
    await db.execute(sql`update audit_entries set actor = 'user:mallory' where position = 2`);
    await db.execute(sql`alter table audit_entries enable trigger audit_entries_append_only`);
    const broken = await expectError(500, 'audit_broken', '/api/audit/verify', { as: 'admin' });
    expect(broken.details).toMatchObject({ problem: { position: 2, kind: 'altered' } });
  });
});
