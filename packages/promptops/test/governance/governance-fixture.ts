import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProject } from '../../src/catalog/files/read-project.ts';
import { type Catalog, createCatalog } from '../../src/catalog/service/catalog.ts';
import { pushProject } from '../../src/catalog/sync/push-project.ts';
import type { Principal } from '../../src/governance/access/index.ts';
import { createGovernance, type Governance } from '../../src/governance/create-governance.ts';
import type { Policies } from '../../src/governance/policies/index.ts';
import type { DatabaseHandle } from '../../src/store/index.ts';

export interface GovernanceFixture {
  handle: DatabaseHandle;
  catalog: Catalog;
  governance: Governance;
  policies: Policies;
  /** The fixture's clock; tests move it to enter freezes or let canaries age. */
  clock: { now: Date };
  /** Signs in as one of the users: admin, alice (author), rita and ray (approvers), rex (reviewer), dan (deployer), viv (viewer). */
  as(username: string): Promise<Principal>;
  close(): Promise<void>;
}

export const PEOPLE = {
  alice: [{ role: 'author', prefix: 'support/' }],
  rita: [{ role: 'approver', prefix: 'support/' }],
  ray: [{ role: 'approver', prefix: 'support/' }],
  rex: [{ role: 'reviewer', prefix: 'support/' }],
  dan: [
    { role: 'deployer', prefix: 'support/' },
    { role: 'deployer', prefix: '' },
  ],
  viv: [{ role: 'viewer', prefix: '' }],
} as const;

/**
 * The example catalog pushed and live in production (v1 of everything), with one admin created the
 * way `promptops init` does and a team of people with tokens, over the given database.
 */
export async function startGovernanceFixture(handle: DatabaseHandle): Promise<GovernanceFixture> {
  const folder = await mkdtemp(join(tmpdir(), 'promptops-governance-'));
  await cp(new URL('../../../../examples/acme-support', import.meta.url), folder, { recursive: true });
  const project = await readProject(folder);
  const clock = { now: new Date('2026-12-04T09:00:00Z') };
  const catalog = createCatalog({ db: handle.db, clock: () => clock.now });
  const pushed = await pushProject(catalog, { actor: 'local:setup' }, project);
  for (const item of pushed.items) {
    await catalog.moveLabel(
      { actor: 'local:setup' },
      { kind: item.kind, name: item.name, environment: 'production', version: 1 },
    );
  }
  const governance = createGovernance({ db: handle.db, policies: project.policies, clock: () => clock.now });
  const { token: adminToken } = await governance.bootstrapAdmin({ username: 'admin' });
  const admin = await governance.authenticateToken(adminToken);
  const tokens = new Map<string, string>([['admin', adminToken]]);
  for (const [username, grants] of Object.entries(PEOPLE)) {
    await governance.users.create(admin, { username, grants: grants.map((grant) => ({ ...grant })) });
    tokens.set(username, (await governance.tokens.create(admin, { name: 'cli', username })).token);
  }
  return {
    handle,
    catalog,
    governance,
    policies: project.policies,
    clock,
    as: async (username) => governance.authenticateToken(tokens.get(username) ?? 'po_unknown'),
    close: () => handle.close(),
  };
}
