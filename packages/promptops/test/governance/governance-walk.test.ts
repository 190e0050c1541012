import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PromptContent } from '../../src/catalog/content/prompt-content.ts';
import { verifyAuditChain } from '../../src/governance/audit/index.ts';
import { createCachedCatalog } from '../../src/runtime/resolve/cached-catalog.ts';
import { resolvePrompt } from '../../src/runtime/resolve/prompt-resolver.ts';
import { listAuditEntries } from '../../src/store/index.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { rejection } from '../support/rejection.ts';
import { type GovernanceFixture, startGovernanceFixture } from './governance-fixture.ts';

const RESPONSE = 'support/generate-response';

/** Which version each of `keys` sticky keys gets from production right now. */
async function servedVersions(fixture: GovernanceFixture, keys = 2000): Promise<Map<number, number>> {
  const cache = createCachedCatalog({ catalog: fixture.catalog, ttlMs: 0 });
  const counts = new Map<number, number>();
  for (let index = 0; index < keys; index++) {
    const resolved = await resolvePrompt(cache, RESPONSE, {
      environment: 'production',
      stickyKey: `customer-${index}`,
    });
    counts.set(resolved.version, (counts.get(resolved.version) ?? 0) + 1);
  }
  return counts;
}

describeEachDatabase('governance walk: a high-risk change from proposal to rollback', (database) => {
  let fixture: GovernanceFixture;
  beforeAll(async () => {
    fixture = await startGovernanceFixture(await database.open());
  });
  afterAll(() => fixture?.close());

  it('runs the whole story, every refusal by policy, and the audit trail tells it', async () => {
    const { governance, catalog } = fixture;
    const alice = await fixture.as('alice');
    const rita = await fixture.as('rita');
    const ray = await fixture.as('ray');
    const rex = await fixture.as('rex');
    const dan = await fixture.as('dan');
    const current = await catalog.resolve('prompt', RESPONSE, { version: 1 });
    const content = structuredClone(current.content) as PromptContent;
    content.description = `${content.description} Apologise once, not twice.`;

    // An author proposes a change to the high-risk response prompt.
    const change = await governance.changes.propose(alice, {
      kind: 'prompt',
      name: RESPONSE,
      environment: 'production',
      title: 'Apologise once, not twice',
      content: { content, parentVersion: 1 },
    });
    expect(change).toMatchObject({ state: 'open', version: 2, baseVersion: 1, author: 'user:alice' });

    // The author's own approval is refused (four eyes); so is a reviewer's for high risk.
    const own = await rejection(governance.changes.approve(alice, { id: change.id, reason: 'looks good' }));
    expect(own.code).toBe('forbidden'); // an author holds no approving role at all
    const reviewer = await rejection(governance.changes.approve(rex, { id: change.id, reason: 'fine' }));
    expect(reviewer).toMatchObject({ code: 'policy_refused' });
    expect(reviewer.message).toContain('approved by approver');

    // A failing eval result blocks approval.
    await governance.evals.record(dan, {
      kind: 'prompt',
      name: RESPONSE,
      version: 2,
      suite: 'support/behavioural',
      passed: 39,
      total: 40,
    });
    await governance.evals.record(dan, {
      kind: 'prompt',
      name: RESPONSE,
      version: 2,
      suite: 'support/adversarial',
      passed: 18,
      total: 20,
    });
    const gated = await rejection(governance.changes.approve(rita, { id: change.id, reason: 'wording ok' }));
    expect(gated.code).toBe('policy_refused');
    expect(gated.message).toBe(
      'eval gate: suite support/adversarial passed 90% of cases; high risk needs ≥ 100%',
    );
    await governance.evals.record(dan, {
      kind: 'prompt',
      name: RESPONSE,
      version: 2,
      suite: 'support/adversarial',
      passed: 20,
      total: 20,
    });

    // One approval is not enough; approving twice does not count twice.
    expect(await governance.changes.approve(rita, { id: change.id, reason: 'wording ok' })).toMatchObject({
      state: 'open',
    });
    expect(
      (await rejection(governance.changes.approve(rita, { id: change.id, reason: 'again' }))).message,
    ).toContain('already');
    expect(
      (await rejection(governance.deployments.deploy(dan, { id: change.id, canaryPercent: 10 }))).code,
    ).toBe('policy_refused');
    const noReason = await rejection(governance.changes.approve(ray, { id: change.id }));
    expect(noReason.message).toBe('high risk approvals need a reason (--reason)');

    // Two approvers approve.
    expect(
      await governance.changes.approve(ray, { id: change.id, reason: 'eval gates green' }),
    ).toMatchObject({ state: 'approved' });

    // Deploy during the Black Friday freeze is refused.
    fixture.clock.now = new Date('2026-11-28T12:00:00Z');
    const frozen = await rejection(
      governance.deployments.deploy(dan, { id: change.id, canaryPercent: 10, reason: 'release' }),
    );
    expect(frozen.code).toBe('policy_refused');
    expect(frozen.message).toContain('production is frozen until 2026-12-02T00:00:00Z (peak-sales-2026');
    fixture.clock.now = new Date('2026-12-04T09:00:00Z');

    // High risk starts as a canary of at least 10%.
    expect(
      (await rejection(governance.deployments.deploy(dan, { id: change.id, reason: 'release' }))).message,
    ).toContain('--canary 10');
    expect(
      (
        await rejection(
          governance.deployments.deploy(dan, { id: change.id, canaryPercent: 5, reason: 'release' }),
        )
      ).message,
    ).toContain('at least 10%');
    const deployed = await governance.deployments.deploy(dan, {
      id: change.id,
      canaryPercent: 10,
      reason: 'release',
    });
    expect(deployed.change.state).toBe('deployed');
    expect(deployed.deployment).toMatchObject({ stableVersion: 1, canaryVersion: 2, canaryPercent: 10 });

    // A canary at 10% serves about 10% of sticky keys, and a key keeps its arm.
    const split = await servedVersions(fixture);
    expect((split.get(2) ?? 0) / 2000).toBeGreaterThan(0.08);
    expect((split.get(2) ?? 0) / 2000).toBeLessThan(0.12);
    expect(await servedVersions(fixture)).toEqual(split);

    // Promotion waits for the canary's minimum time; then everyone gets v2.
    const early = await rejection(
      governance.deployments.promote(dan, { kind: 'prompt', name: RESPONSE, environment: 'production' }),
    );
    expect(early.message).toContain('at least 30 minutes');
    fixture.clock.now = new Date('2026-12-04T09:31:00Z');
    await governance.deployments.promote(dan, {
      kind: 'prompt',
      name: RESPONSE,
      environment: 'production',
      reason: 'canary healthy',
    });
    expect(await servedVersions(fixture, 300)).toEqual(new Map([[2, 300]]));

    // Rollback restores the previous version for every key.
    await governance.deployments.rollback(dan, {
      kind: 'prompt',
      name: RESPONSE,
      environment: 'production',
      reason: 'complaints about tone',
    });
    expect(await servedVersions(fixture, 300)).toEqual(new Map([[1, 300]]));

    // The audit chain verifies and tells the whole story with actors and reasons.
    expect(await verifyAuditChain(fixture.handle.db)).toMatchObject({ ok: true });
    const story = (await listAuditEntries(fixture.handle.db, { order: 'ascending', limit: 1000 }))
      .filter((entry) => entry.target === RESPONSE || entry.targetKind === 'change-request')
      .filter((entry) => entry.actor !== 'local:setup')
      .map((entry) => `${entry.actor} ${entry.action}${entry.reason ? `: ${entry.reason}` : ''}`);
    expect(story).toEqual([
      'user:alice version-create: Apologise once, not twice',
      'user:alice change-propose: Apologise once, not twice',
      'user:dan eval-record',
      'user:dan eval-record',
      'user:dan eval-record',
      'user:rita change-approve: wording ok',
      'user:ray change-approve: eval gates green',
      'user:dan canary-set: release',
      'user:dan canary-promote: canary healthy',
      'user:dan deployment-rollback: complaints about tone',
    ]);
  });
});
