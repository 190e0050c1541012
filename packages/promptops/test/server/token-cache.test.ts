import { afterEach, beforeEach, expect, it } from 'vitest';
import { createGovernance, type Principal } from '../../src/governance/create-governance.ts';
import { Policies } from '../../src/governance/policies/index.ts';
import { createTokenCache, type TokenCache } from '../../src/server/token-cache.ts';
import type { DatabaseHandle } from '../../src/store/index.ts';
import { describeEachDatabase } from '../support/databases.ts';

/** Checked API tokens are kept briefly, and forgotten at once when an identity changes anywhere. */
describeEachDatabase('the token cache', (database) => {
  let handle: DatabaseHandle;
  let cache: TokenCache;
  let clock = 0;
  beforeEach(async () => {
    handle = await database.open();
    clock = 1_000;
    cache = await createTokenCache(handle, { ttlMs: 5_000, now: () => clock });
  });
  afterEach(async () => {
    await cache?.close();
    await handle?.close();
  });

  const counting = (check: (token: string) => Promise<Principal>) => {
    let calls = 0;
    const counted = async (token: string) => {
      calls += 1;
      return check(token);
    };
    return { counted, calls: () => calls };
  };

  it('checks a token once per TTL, never keeps a refusal, and forgets a revoked token at once', async () => {
    const governance = createGovernance({ db: handle.db, policies: Policies.parse({}) });
    const { token: adminToken } = await governance.bootstrapAdmin({ username: 'admin' });
    const admin = await governance.authenticateToken(adminToken);
    await governance.users.create(admin, { username: 'app', grants: [{ role: 'viewer', prefix: '' }] });
    const { token } = await governance.tokens.create(admin, { name: 'svc', username: 'app' });
    const check = counting(governance.authenticateToken);

    expect((await cache.principal(token, check.counted)).actor).toContain('app');
    await cache.principal(token, check.counted);
    expect(check.calls()).toBe(1);
    clock += 5_001;
    await cache.principal(token, check.counted);
    expect(check.calls()).toBe(2);

    await expect(cache.principal('po_forged', check.counted)).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    await expect(cache.principal('po_forged', check.counted)).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    expect(check.calls()).toBe(4);

    // Revoked through governance (any replica): the notification empties the cache, within the TTL.
    await governance.tokens.revoke(admin, { name: 'svc', username: 'app' });
    await expect
      .poll(
        () =>
          cache.principal(token, check.counted).then(
            () => 'accepted',
            (error) => error.code,
          ),
        {
          timeout: 4_000,
        },
      )
      .toBe('unauthenticated');
  });
});
