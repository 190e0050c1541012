import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PromptContent } from '../../src/catalog/content/prompt-content.ts';
import type { Principal } from '../../src/governance/access/index.ts';
import { listAuditEntries } from '../../src/store/index.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { rejection } from '../support/rejection.ts';
import { type GovernanceFixture, startGovernanceFixture } from './governance-fixture.ts';

const CLASSIFY = 'support/classify-intent';
const GATHER = 'support/gather-information';
const RESPONSE = 'support/generate-response';
const COMPRESSED = 'support/compressed-classify';
const PROMPTS = [CLASSIFY, GATHER, RESPONSE, COMPRESSED, 'support/assistant'];

type Person = 'admin' | 'alice' | 'rita' | 'ray' | 'rex' | 'dan' | 'viv' | 'bill' | 'sam';

interface Scene {
  fixture: GovernanceFixture;
  people: Record<Person, Principal>;
  /** An open change request on CLASSIFY (v2, medium risk, waiting for one approval). */
  open: number;
  /** An approved change request on GATHER (v2, medium risk), not deployed. */
  approved: number;
}

/** Proposes v2 of a prompt as alice: v1 with a sentence added to its description. */
async function proposeEdit(fixture: GovernanceFixture, name: string, title: string) {
  const alice = await fixture.as('alice');
  const current = await fixture.catalog.resolve('prompt', name, { version: 1 });
  const content = structuredClone(current.content) as PromptContent;
  content.description = `${content.description} ${title}.`;
  return fixture.governance.changes.propose(alice, {
    kind: 'prompt',
    name,
    environment: 'production',
    title,
    content: { content, parentVersion: 1 },
  });
}

async function signIn(
  fixture: GovernanceFixture,
  username: string,
  grants: { role: string; prefix: string }[],
) {
  const admin = await fixture.as('admin');
  await fixture.governance.users.create(admin, { username, grants });
  const { token } = await fixture.governance.tokens.create(admin, { name: 'cli', username });
  return fixture.governance.authenticateToken(token);
}

/**
 * Everything a refused call could have touched: the audit chain's head, every prompt with its
 * deployments, every change request with its events, users, tokens and freezes.
 */
async function snapshot({ fixture, people }: Scene) {
  const { governance, catalog, handle } = fixture;
  const [head] = await listAuditEntries(handle.db, { limit: 1 });
  const changes = await governance.changes.list(people.admin, { limit: 1000 });
  return {
    head: head && { position: head.position, hash: head.hash },
    prompts: await Promise.all(PROMPTS.map((name) => catalog.get('prompt', name))),
    changes: await Promise.all(changes.map((change) => governance.changes.show(people.admin, change.id))),
    users: await governance.users.list(people.admin),
    tokens: await governance.tokens.list(people.admin),
    freezes: await governance.freezes.list(people.admin),
  };
}

interface Attempt {
  title: string;
  attempt(scene: Scene): Promise<unknown>;
}

const target = (name: string) => ({ kind: 'prompt' as const, name, environment: 'production' });
const content = { content: { description: 'x' }, parentVersion: 1 };

const ATTEMPTS: Attempt[] = [
  {
    title: 'changes.propose by a viewer',
    attempt: ({ fixture, people }) =>
      fixture.governance.changes.propose(people.viv, {
        ...target(COMPRESSED),
        title: 'sneak in',
        content,
      }),
  },
  {
    title: 'changes.propose by an author outside its folder',
    attempt: ({ fixture, people }) =>
      fixture.governance.changes.propose(people.alice, { ...target('billing/refunds'), title: 'elsewhere' }),
  },
  {
    title: 'changes.propose by an admin of billing/ on support/',
    attempt: ({ fixture, people }) =>
      fixture.governance.changes.propose(people.bill, { ...target(COMPRESSED), title: 'sneak in', content }),
  },
  {
    title: 'changes.approve by a viewer',
    attempt: ({ fixture, people, open }) =>
      fixture.governance.changes.approve(people.viv, { id: open, reason: 'fine' }),
  },
  {
    title: 'changes.approve by an author',
    attempt: ({ fixture, people, open }) =>
      fixture.governance.changes.approve(people.alice, { id: open, reason: 'fine' }),
  },
  {
    title: 'changes.approve by an admin of billing/',
    attempt: ({ fixture, people, open }) =>
      fixture.governance.changes.approve(people.bill, { id: open, reason: 'fine' }),
  },
  {
    title: 'changes.reject by an author',
    attempt: ({ fixture, people, open }) =>
      fixture.governance.changes.reject(people.alice, { id: open, reason: 'no' }),
  },
  {
    title: 'changes.reject by a viewer',
    attempt: ({ fixture, people, approved }) =>
      fixture.governance.changes.reject(people.viv, { id: approved, reason: 'no' }),
  },
  {
    title: 'changes.withdraw by a viewer',
    attempt: ({ fixture, people, open }) => fixture.governance.changes.withdraw(people.viv, { id: open }),
  },
  {
    title: 'changes.withdraw by an approver who is not its author',
    attempt: ({ fixture, people, approved }) =>
      fixture.governance.changes.withdraw(people.rita, { id: approved }),
  },
  {
    title: 'changes.withdraw by an admin of billing/',
    attempt: ({ fixture, people, open }) => fixture.governance.changes.withdraw(people.bill, { id: open }),
  },
  {
    title: 'changes.comment by a viewer',
    attempt: ({ fixture, people, open }) =>
      fixture.governance.changes.comment(people.viv, { id: open, body: 'hello' }),
  },
  {
    title: 'changes.comment by a deployer',
    attempt: ({ fixture, people, open }) =>
      fixture.governance.changes.comment(people.dan, { id: open, body: 'hello' }),
  },
  {
    title: 'deployments.deploy by an approver',
    attempt: ({ fixture, people, approved }) =>
      fixture.governance.deployments.deploy(people.rita, { id: approved, reason: 'ship' }),
  },
  {
    title: 'deployments.deploy by a viewer',
    attempt: ({ fixture, people, approved }) =>
      fixture.governance.deployments.deploy(people.viv, { id: approved, reason: 'ship' }),
  },
  {
    title: 'deployments.deploy by an admin of billing/',
    attempt: ({ fixture, people, approved }) =>
      fixture.governance.deployments.deploy(people.bill, { id: approved, reason: 'ship' }),
  },
  {
    title: 'deployments.setCanary by an approver',
    attempt: ({ fixture, people }) =>
      fixture.governance.deployments.setCanary(people.rita, { ...target(RESPONSE), percent: 50 }),
  },
  {
    title: 'deployments.setCanary by an author',
    attempt: ({ fixture, people }) =>
      fixture.governance.deployments.setCanary(people.alice, { ...target(RESPONSE), percent: 50 }),
  },
  {
    title: 'deployments.promote by a viewer',
    attempt: ({ fixture, people }) => fixture.governance.deployments.promote(people.viv, target(RESPONSE)),
  },
  {
    title: 'deployments.promote by an admin of billing/',
    attempt: ({ fixture, people }) => fixture.governance.deployments.promote(people.bill, target(RESPONSE)),
  },
  {
    title: 'deployments.rollback by an author',
    attempt: ({ fixture, people }) => fixture.governance.deployments.rollback(people.alice, target(RESPONSE)),
  },
  {
    title: 'deployments.rollback by a reviewer',
    attempt: ({ fixture, people }) => fixture.governance.deployments.rollback(people.rex, target(RESPONSE)),
  },
  {
    title: 'freezes.start by a viewer',
    attempt: ({ fixture, people }) =>
      fixture.governance.freezes.start(people.viv, { environment: 'production', reason: 'stop' }),
  },
  {
    title: 'freezes.start by a deployer of support/ only',
    attempt: ({ fixture, people }) =>
      fixture.governance.freezes.start(people.sam, { environment: 'production', reason: 'stop' }),
  },
  {
    title: 'freezes.start by an admin of billing/',
    attempt: ({ fixture, people }) =>
      fixture.governance.freezes.start(people.bill, { environment: 'production', reason: 'stop' }),
  },
  {
    title: 'freezes.end by a viewer',
    attempt: ({ fixture, people }) => fixture.governance.freezes.end(people.viv, { environment: 'staging' }),
  },
  {
    title: 'freezes.end by a deployer of support/ only',
    attempt: ({ fixture, people }) => fixture.governance.freezes.end(people.sam, { environment: 'staging' }),
  },
  ...(['alice', 'rita', 'viv', 'bill'] as const).map((person) => ({
    title: `evals.record by ${person}`,
    attempt: ({ fixture, people }: Scene) =>
      fixture.governance.evals.record(people[person], {
        kind: 'prompt',
        name: RESPONSE,
        version: 2,
        suite: 'support/adversarial',
        passed: 0,
        total: 20,
      }),
  })),
  ...(['dan', 'rita', 'bill'] as const).map((person) => ({
    title: `users.create by ${person}`,
    attempt: ({ fixture, people }: Scene) =>
      fixture.governance.users.create(people[person], {
        username: 'mallory',
        grants: [{ role: 'admin', prefix: '' }],
      }),
  })),
  {
    title: 'users.grant by an admin of billing/ to themself, on the whole catalog',
    attempt: ({ fixture, people }) =>
      fixture.governance.users.grant(people.bill, { username: 'bill', role: 'admin', prefix: '' }),
  },
  {
    title: 'users.grant by an approver',
    attempt: ({ fixture, people }) =>
      fixture.governance.users.grant(people.rita, {
        username: 'alice',
        role: 'approver',
        prefix: 'support/',
      }),
  },
  {
    title: 'users.grant revoking by a deployer',
    attempt: ({ fixture, people }) =>
      fixture.governance.users.grant(people.dan, {
        username: 'rita',
        role: 'approver',
        prefix: 'support/',
        revoke: true,
      }),
  },
  {
    title: 'users.disable by a deployer',
    attempt: ({ fixture, people }) => fixture.governance.users.disable(people.dan, 'viv'),
  },
  {
    title: 'users.disable by an admin of billing/',
    attempt: ({ fixture, people }) => fixture.governance.users.disable(people.bill, 'admin'),
  },
  {
    title: 'tokens.create for another user by an approver',
    attempt: ({ fixture, people }) =>
      fixture.governance.tokens.create(people.rita, { name: 'borrowed', username: 'alice' }),
  },
  {
    title: 'tokens.create for another user by a viewer',
    attempt: ({ fixture, people }) =>
      fixture.governance.tokens.create(people.viv, { name: 'borrowed', username: 'dan' }),
  },
  {
    title: 'tokens.create for the admin by an admin of billing/',
    attempt: ({ fixture, people }) =>
      fixture.governance.tokens.create(people.bill, { name: 'borrowed', username: 'admin' }),
  },
];

describeEachDatabase('forbidden governance operations change nothing', (database) => {
  const scene = {} as Scene;

  beforeAll(async () => {
    const fixture = await startGovernanceFixture(await database.open());
    scene.fixture = fixture;
    const { governance } = fixture;
    const names = ['admin', 'alice', 'rita', 'ray', 'rex', 'dan', 'viv'] as const;
    const people = {} as Record<Person, Principal>;
    for (const name of names) people[name] = await fixture.as(name);
    people.bill = await signIn(fixture, 'bill', [{ role: 'admin', prefix: 'billing/' }]);
    people.sam = await signIn(fixture, 'sam', [{ role: 'deployer', prefix: 'support/' }]);
    scene.people = people;

    scene.open = (await proposeEdit(fixture, CLASSIFY, 'Name the intent first')).id;

    const gather = await proposeEdit(fixture, GATHER, 'Ask one question at a time');
    await governance.changes.approve(people.rita, { id: gather.id, reason: 'clearer' });
    scene.approved = gather.id;

    // A running 10% canary of v2 on the high-risk response prompt.
    const response = await proposeEdit(fixture, RESPONSE, 'Apologise once');
    for (const [suite, passed, total] of [
      ['support/behavioural', 40, 40],
      ['support/adversarial', 20, 20],
    ] as const) {
      await governance.evals.record(people.dan, {
        kind: 'prompt',
        name: RESPONSE,
        version: 2,
        suite,
        passed,
        total,
      });
    }
    await governance.changes.approve(people.rita, { id: response.id, reason: 'ok' });
    await governance.changes.approve(people.ray, { id: response.id, reason: 'ok' });
    await governance.deployments.deploy(people.dan, { id: response.id, canaryPercent: 10, reason: 'try' });

    await governance.freezes.start(people.dan, { environment: 'staging', reason: 'load test' });
  });
  afterAll(() => scene.fixture?.close());

  it('sets the scene: an open change, an approved one, a running canary and a freeze', async () => {
    const world = await snapshot(scene);
    expect(world.changes.map((change) => [change.name, change.state])).toEqual(
      expect.arrayContaining([
        [CLASSIFY, 'open'],
        [GATHER, 'approved'],
        [RESPONSE, 'deployed'],
      ]),
    );
    const response = world.prompts.find((prompt) => prompt.name === RESPONSE);
    expect(response?.deployments.find((row) => row.environment === 'production')).toMatchObject({
      stableVersion: 1,
      canaryVersion: 2,
      canaryPercent: 10,
    });
    expect(world.freezes).toEqual(
      expect.arrayContaining([expect.objectContaining({ environment: 'staging', source: 'declared' })]),
    );
  });

  it.each(ATTEMPTS)('refuses $title with forbidden and changes nothing', async ({ attempt }) => {
    const before = await snapshot(scene);
    const error = await rejection(attempt(scene));
    expect(error.code).toBe('forbidden');
    const after = await snapshot(scene);
    expect(after.head).toEqual(before.head);
    expect(after).toEqual(before);
  });

  it('keeps production where it was: v1 stable with the v2 canary at 10%', async () => {
    const response = await scene.fixture.catalog.get('prompt', RESPONSE);
    expect(response.deployments.find((row) => row.environment === 'production')).toMatchObject({
      stableVersion: 1,
      canaryVersion: 2,
      canaryPercent: 10,
    });
    const gather = await scene.fixture.catalog.get('prompt', GATHER);
    expect(gather.deployments.find((row) => row.environment === 'production')?.stableVersion).toBe(1);
  });

  it('sees a permitted change in the same snapshot, so the checks above can fail', async () => {
    const before = await snapshot(scene);
    await scene.fixture.governance.deployments.setCanary(scene.people.dan, {
      ...target(RESPONSE),
      percent: 20,
      reason: 'widen',
    });
    const after = await snapshot(scene);
    expect(after.head?.position).toBe((before.head?.position ?? 0) + 1);
    expect(after.head?.hash).not.toBe(before.head?.hash);
    expect(after.prompts).not.toEqual(before.prompts);
  });
});
