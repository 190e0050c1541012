import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PromptContent } from '../../src/catalog/content/prompt-content.ts';
import { PromptopsError } from '../../src/errors/index.ts';
import { verifyAuditChain } from '../../src/governance/audit/index.ts';
import { listAuditEntries } from '../../src/store/index.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { type GovernanceFixture, startGovernanceFixture } from './governance-fixture.ts';

const RESPONSE = 'support/generate-response'; // high risk: two approvers, eval gates, canary
const CLASSIFY = 'support/classify-intent'; // medium risk: one approval with a reason
const GATHER = 'support/gather-information'; // medium risk
const COMPRESSED = 'support/compressed-classify'; // low risk: one approval
const ASSISTANT = 'support/assistant'; // high risk

/** Proposes the next version of a prompt as alice: v1 with a sentence added to its description. */
async function proposeEdit(fixture: GovernanceFixture, name: string, title: string, parentVersion = 1) {
  const alice = await fixture.as('alice');
  const current = await fixture.catalog.resolve('prompt', name, { version: 1 });
  const content = structuredClone(current.content) as PromptContent;
  content.description = `${content.description} ${title}.`;
  return fixture.governance.changes.propose(alice, {
    kind: 'prompt',
    name,
    environment: 'production',
    title,
    content: { content, parentVersion },
  });
}

/** The one fulfilled and the one rejected outcome of two racing calls; fails unless it is exactly so. */
function oneOfTwo<T>(outcomes: PromiseSettledResult<T>[]) {
  const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
  const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  const error: unknown = lost[0]?.reason;
  if (!PromptopsError.isInstance(error)) throw error;
  return { winner: outcomes.indexOf(won[0] as PromiseFulfilledResult<T>), error };
}

async function changeAudit(fixture: GovernanceFixture, id: number) {
  const entries = await listAuditEntries(fixture.handle.db, {
    targetKind: 'change-request',
    target: String(id),
    order: 'ascending',
  });
  return entries.map((entry) => `${entry.actor} ${entry.action}`);
}

async function production(fixture: GovernanceFixture, name: string) {
  const artifact = await fixture.catalog.get('prompt', name);
  return artifact.deployments.find((deployment) => deployment.environment === 'production');
}

describeEachDatabase('governance races: approvals, withdrawals and deploys at once', (database) => {
  let fixture: GovernanceFixture;
  beforeAll(async () => {
    fixture = await startGovernanceFixture(await database.open());
  });
  afterAll(() => fixture?.close());

  it('counts both of two concurrent approvals on a two-approval (high risk) change', async () => {
    const { governance } = fixture;
    const [rita, ray, dan] = await Promise.all([fixture.as('rita'), fixture.as('ray'), fixture.as('dan')]);
    const change = await proposeEdit(fixture, RESPONSE, 'Apologise once');
    for (const [suite, passed, total] of [
      ['support/behavioural', 39, 40],
      ['support/adversarial', 20, 20],
    ] as const) {
      await governance.evals.record(dan, {
        kind: 'prompt',
        name: RESPONSE,
        version: 2,
        suite,
        passed,
        total,
      });
    }

    const outcomes = await Promise.allSettled([
      governance.changes.approve(rita, { id: change.id, reason: 'wording ok' }),
      governance.changes.approve(ray, { id: change.id, reason: 'gates green' }),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
    const states = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.state : null));
    expect(states.sort()).toEqual(['approved', 'open']);
    const shown = await governance.changes.show(rita, change.id);
    expect(shown.state).toBe('approved');
    expect(shown.approvals).toEqual({ count: 2, needed: 2, approverRoles: ['approver'] });
    const approvals = shown.events.filter((event) => event.kind === 'approve');
    expect(approvals.map((event) => event.actor).sort()).toEqual(['user:ray', 'user:rita']);
    expect(
      (await changeAudit(fixture, change.id)).filter((line) => line.endsWith('change-approve')),
    ).toHaveLength(2);
  });

  it('counts one approver once when the same approval is sent twice at once', async () => {
    const { governance } = fixture;
    const [rita, dan] = await Promise.all([fixture.as('rita'), fixture.as('dan')]);
    const change = await proposeEdit(fixture, ASSISTANT, 'Greet by name');
    for (const [suite, passed, total] of [
      ['support/behavioural', 40, 40],
      ['support/adversarial', 20, 20],
    ] as const) {
      await governance.evals.record(dan, {
        kind: 'prompt',
        name: ASSISTANT,
        version: 2,
        suite,
        passed,
        total,
      });
    }

    const outcomes = await Promise.allSettled([
      governance.changes.approve(rita, { id: change.id, reason: 'ok' }),
      governance.changes.approve(rita, { id: change.id, reason: 'ok again' }),
    ]);

    const { error } = oneOfTwo(outcomes);
    expect(error.code).toBe('policy_refused');
    expect(error.message).toContain('approved this change already');
    const shown = await governance.changes.show(rita, change.id);
    expect(shown).toMatchObject({ state: 'open', approvals: { count: 1, needed: 2 } });
  });

  it.each([
    [CLASSIFY, 'medium'],
    [COMPRESSED, 'low'],
  ])(
    'lets exactly one of two concurrent approvals approve a one-approval change (%s, %s risk)',
    async (name, risk) => {
      const { governance } = fixture;
      const approvers = await Promise.all([fixture.as('rita'), fixture.as('ray')]);
      const change = await proposeEdit(fixture, name, 'Race the approvers');

      const outcomes = await Promise.allSettled(
        approvers.map((approver) => governance.changes.approve(approver, { id: change.id, reason: 'fine' })),
      );

      const { winner, error } = oneOfTwo(outcomes);
      expect(error.code).toBe('conflict');
      expect(error.message).toBe(`change request #${change.id} is approved; it cannot be approved`);
      const shown = await governance.changes.show(approvers[0]!, change.id);
      expect(shown).toMatchObject({ state: 'approved', risk, approvals: { count: 1, needed: 1 } });
      expect(shown.events.map((event) => `${event.kind} ${event.actor}`)).toEqual([
        'propose user:alice',
        `approve ${approvers[winner]?.actor}`,
      ]);
      expect(await changeAudit(fixture, change.id)).toEqual([
        'user:alice change-propose',
        `${approvers[winner]?.actor} change-approve`,
      ]);
    },
  );

  it('settles an approval racing a withdrawal one way or the other, and says which', async () => {
    const { governance } = fixture;
    const [alice, rita] = await Promise.all([fixture.as('alice'), fixture.as('rita')]);
    // Each round re-proposes v2 (a withdrawn change frees it) and alternates who is called first.
    const first = await proposeEdit(fixture, GATHER, 'Ask one question at a time');
    for (let round = 0; round < 6; round++) {
      const change =
        round === 0
          ? first
          : await governance.changes.propose(alice, {
              kind: 'prompt',
              name: GATHER,
              environment: 'production',
              title: `Round ${round}`,
              version: first.version,
            });
      const approve = () => governance.changes.approve(rita, { id: change.id, reason: 'fine' });
      const withdraw = () => governance.changes.withdraw(alice, { id: change.id, reason: 'not needed' });
      const [approval, withdrawal] =
        round % 2 === 0
          ? await Promise.allSettled([approve(), withdraw()])
          : await Promise.allSettled([withdraw(), approve()]).then(([w, a]) => [a, w] as const);

      // Withdrawal is allowed from open and from approved, so it always succeeds.
      expect(withdrawal?.status).toBe('fulfilled');
      const shown = await governance.changes.show(alice, change.id);
      expect(shown.state).toBe('withdrawn');
      const events = shown.events.map((event) => event.kind);
      const audit = await changeAudit(fixture, change.id);
      if (approval?.status === 'fulfilled') {
        expect(approval.value.state).toBe('approved');
        expect(events).toEqual(['propose', 'approve', 'withdraw']);
        expect(audit).toEqual([
          'user:alice change-propose',
          'user:rita change-approve',
          'user:alice change-withdraw',
        ]);
      } else {
        const error: unknown = approval?.reason;
        expect(PromptopsError.isInstance(error) && error.code).toBe('conflict');
        expect(events).toEqual(['propose', 'withdraw']);
        expect(audit).toEqual(['user:alice change-propose', 'user:alice change-withdraw']);
      }
    }
  });

  it('deploys an approved change once when two deployers race', async () => {
    const { governance } = fixture;
    const [rita, dan, admin] = await Promise.all([
      fixture.as('rita'),
      fixture.as('dan'),
      fixture.as('admin'),
    ]);
    // v3 on top of the approved v2 the one-approval race left; that change stays as it is.
    const change = await proposeEdit(fixture, COMPRESSED, 'Shorter labels', 2);
    await governance.changes.approve(rita, { id: change.id });
    const deployers = [dan, admin];

    const outcomes = await Promise.allSettled(
      deployers.map((deployer) => governance.deployments.deploy(deployer, { id: change.id, reason: 'ship' })),
    );

    const { winner, error } = oneOfTwo(outcomes);
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(`change request #${change.id} is deployed`);
    expect(await production(fixture, COMPRESSED)).toMatchObject({
      stableVersion: change.version,
      canaryVersion: null,
      updatedBy: deployers[winner]?.actor,
    });
    const shown = await governance.changes.show(dan, change.id);
    expect(shown.state).toBe('deployed');
    expect(shown.events.filter((event) => event.kind === 'deploy')).toHaveLength(1);
    const deploys = await listAuditEntries(fixture.handle.db, {
      action: 'change-deploy',
      target: COMPRESSED,
    });
    expect(deploys.map((entry) => entry.actor)).toEqual([deployers[winner]?.actor]);
  });

  it('deploys only one of two approved changes to the same prompt racing from the same base', async () => {
    const { governance } = fixture;
    const [rita, ray, dan] = await Promise.all([fixture.as('rita'), fixture.as('ray'), fixture.as('dan')]);
    // CLASSIFY has an approved v2 from the approval race; add an approved v3 on the same base (v1).
    const [pending] = await governance.changes.list(rita, { name: CLASSIFY, states: ['approved'] });
    const other = await proposeEdit(fixture, CLASSIFY, 'Another wording', 2);
    await governance.changes.approve(ray, { id: other.id, reason: 'fine' });
    expect(pending).toMatchObject({ version: 2, baseVersion: 1 });
    expect(other).toMatchObject({ version: 3, baseVersion: 1 });
    const changes = [pending!, other];

    const outcomes = await Promise.allSettled(
      changes.map((change) => governance.deployments.deploy(dan, { id: change.id, reason: 'ship' })),
    );

    const { winner, error } = oneOfTwo(outcomes);
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('propose again against what it serves now');
    expect((await production(fixture, CLASSIFY))?.stableVersion).toBe(changes[winner]?.version);
    const states = await Promise.all(
      changes.map(async (change) => (await governance.changes.show(rita, change.id)).state),
    );
    expect(states).toEqual(changes.map((_, index) => (index === winner ? 'deployed' : 'approved')));
  });

  it('leaves an audit chain that verifies after all the races', async () => {
    expect(await verifyAuditChain(fixture.handle.db)).toMatchObject({ ok: true });
  });
});
