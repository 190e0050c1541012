import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { mutate } from '../../src/governance/audit/index.ts';
import { createGovernance } from '../../src/governance/create-governance.ts';
import { storeCatalogPolicies } from '../../src/governance/policies/catalog-policies.ts';
import { Policies } from '../../src/governance/policies/index.ts';
import { watchCatalogPolicies } from '../../src/governance/policies/watch-catalog-policies.ts';
import type { DatabaseHandle } from '../../src/store/index.ts';
import { describeEachDatabase } from '../support/databases.ts';

/** A long-running process (serve) follows a policies.yaml push without a restart. */
describeEachDatabase('the policies in force, followed while running', (database) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await database.open();
  });
  afterEach(() => handle?.close());

  const withHighApprovals = (approvals: number) =>
    Policies.parse({ tiers: { high: { approvals, approver_roles: ['approver'] } } });
  const push = (policies: Policies) =>
    mutate(handle.db, { actor: 'local:test' }, (context) => storeCatalogPolicies(context, policies));

  it('hands governance the new policies once a push stores them, and only then', async () => {
    await push(withHighApprovals(1));
    const governance = createGovernance({ db: handle.db, policies: withHighApprovals(1) });
    const changes: string[] = [];
    const errors: unknown[] = [];
    const watch = await watchCatalogPolicies({
      db: handle.db,
      intervalMs: 60_000,
      onChange(policies, hash) {
        governance.usePolicies(policies);
        changes.push(hash);
      },
      onError: (error) => errors.push(error),
    });
    try {
      await watch.check();
      expect(changes).toEqual([]);

      await push(withHighApprovals(2));
      await watch.check();
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatch(/^[0-9a-f]{64}$/);
      expect(governance.policies.tiers.high.approvals).toBe(2);

      await watch.check();
      expect(changes).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await watch.stop();
    }
  });

  it('keeps the old policies when the stored ones cannot be read, and says why', async () => {
    const governance = createGovernance({ db: handle.db, policies: withHighApprovals(1) });
    const watch = await watchCatalogPolicies({
      db: handle.db,
      intervalMs: 60_000,
      onChange: (policies) => governance.usePolicies(policies),
      onError: () => {},
    });
    try {
      await handle.db.execute(
        sql`insert into meta (key, value) values ('policies', '{"tiers":{"high":{"approvals":"two"}}}')
            on conflict (key) do update set value = excluded.value`,
      );
      await expect(watch.check()).rejects.toMatchObject({ code: 'config_invalid' });
      expect(governance.policies.tiers.high.approvals).toBe(1);
    } finally {
      await watch.stop();
    }
  });
});
