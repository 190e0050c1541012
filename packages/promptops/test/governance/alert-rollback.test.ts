import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PromptContent } from '../../src/catalog/content/prompt-content.ts';
import { rollbackCanaryForAlert } from '../../src/governance/changes/alert-rollback.ts';
import { listAuditEntries } from '../../src/store/index.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { type GovernanceFixture, startGovernanceFixture } from './governance-fixture.ts';

const PROMPT = 'support/classify-intent';

describeEachDatabase('rollbackCanaryForAlert: the policy switch and a canary that moved on', (database) => {
  let fixture: GovernanceFixture;
  beforeAll(async () => {
    fixture = await startGovernanceFixture(await database.open());
    const current = await fixture.catalog.resolve('prompt', PROMPT, { version: 1 });
    const content = structuredClone(current.content) as PromptContent;
    content.description = `${content.description} (canary)`;
    const change = await fixture.governance.changes.propose(await fixture.as('alice'), {
      kind: 'prompt',
      name: PROMPT,
      environment: 'production',
      title: 'A canary',
      content: { content, parentVersion: 1 },
    });
    await fixture.governance.changes.approve(await fixture.as('rita'), { id: change.id, reason: 'ok' });
    await fixture.governance.deployments.deploy(await fixture.as('dan'), {
      id: change.id,
      canaryPercent: 10,
      reason: 'try it',
    });
  });
  afterAll(() => fixture?.close());

  const input = (canaryVersion: number) => ({
    kind: 'prompt' as const,
    name: PROMPT,
    environment: 'production',
    canaryVersion,
    reason: 'alert errors fired',
    details: { alert: { rule: 'errors' } },
  });

  it("leaves the canary alone when the prompt's tier turns automatic rollback off", async () => {
    const policies = structuredClone(fixture.policies);
    policies.tiers.medium.canary.auto_rollback = false;
    const outcome = await rollbackCanaryForAlert({ db: fixture.handle.db, policies }, input(2));
    expect(outcome).toEqual({ outcome: 'not-allowed', risk: 'medium' });
    const detail = await fixture.catalog.get('prompt', PROMPT);
    expect(detail.deployments.find((deployment) => deployment.environment === 'production')).toMatchObject({
      canaryVersion: 2,
    });
    expect(await listAuditEntries(fixture.handle.db, { actor: 'system:alerts' })).toEqual([]);
  });

  it('does nothing for a canary version that is no longer the canary, and stops the one that is', async () => {
    const deps = { db: fixture.handle.db, policies: fixture.policies };
    expect(await rollbackCanaryForAlert(deps, input(3))).toEqual({ outcome: 'already-gone' });
    expect(await rollbackCanaryForAlert(deps, input(2))).toMatchObject({
      outcome: 'rolled-back',
      deployment: { stableVersion: 1, canaryVersion: null, updatedBy: 'system:alerts' },
    });
    // A second call for the same firing finds nothing to do: never a rollback of the stable version.
    expect(await rollbackCanaryForAlert(deps, input(2))).toEqual({ outcome: 'already-gone' });
    const entries = await listAuditEntries(fixture.handle.db, { actor: 'system:alerts' });
    expect(entries.map((entry) => [entry.action, entry.reason])).toEqual([
      ['deployment-rollback', 'alert errors fired'],
    ]);
  });
});
