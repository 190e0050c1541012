import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PromptContent } from '../../src/catalog/content/prompt-content.ts';
import { findArtifact, listCycleTimes } from '../../src/store/index.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { type GovernanceFixture, startGovernanceFixture } from './governance-fixture.ts';

/** Low risk in the example policies: one reviewer's approval, no canary. */
const FAST = 'support/compressed-classify';
const HOUR = 3_600_000;

describeEachDatabase('catalog metadata: purpose, owner, last edit, evals and cycle time', (database) => {
  let fixture: GovernanceFixture;
  beforeAll(async () => {
    fixture = await startGovernanceFixture(await database.open());
  });
  afterAll(() => fixture?.close());

  /** Proposes a new version at `proposed`, approves an hour later and deploys `deployAfter` after proposal. */
  async function ship(proposed: string, deployAfterMs: number, description: string) {
    const { governance, catalog } = fixture;
    const head = await catalog.resolve('prompt', FAST, { latest: true });
    const content = { ...(head.content as PromptContent), description };
    fixture.clock.now = new Date(proposed);
    const change = await governance.changes.propose(await fixture.as('alice'), {
      kind: 'prompt',
      name: FAST,
      environment: 'production',
      title: description,
      content: { content, parentVersion: head.version },
    });
    fixture.clock.now = new Date(Date.parse(proposed) + HOUR);
    await governance.changes.approve(await fixture.as('rex'), { id: change.id, reason: 'fine' });
    fixture.clock.now = new Date(Date.parse(proposed) + deployAfterMs);
    await governance.deployments.deploy(await fixture.as('dan'), { id: change.id });
    return change;
  }

  it('has no cycle time before a change request reaches production', async () => {
    const metadata = await fixture.governance.metadata(await fixture.as('viv'), {
      kind: 'prompt',
      name: FAST,
    });
    expect(metadata).toMatchObject({
      name: FAST,
      version: 1,
      owner: expect.any(String),
      risk: 'low',
      purpose: expect.any(String),
      lastEdit: { author: 'local:setup' },
      evals: [],
      cycleTime: { environment: 'production', last: null, medianMs: null, count: 0 },
    });
  });

  it('measures proposal to production deploy per change request: the last one and the median', async () => {
    const first = await ship('2026-12-07T09:00:00Z', 3 * HOUR, 'Answers in one line.');
    // A change request withdrawn (never deployed) does not count.
    fixture.clock.now = new Date('2026-12-08T08:00:00Z');
    const head = await fixture.catalog.resolve('prompt', FAST, { latest: true });
    const withdrawn = await fixture.governance.changes.propose(await fixture.as('alice'), {
      kind: 'prompt',
      name: FAST,
      environment: 'production',
      title: 'Withdrawn',
      content: {
        content: { ...(head.content as PromptContent), description: 'Withdrawn.' },
        parentVersion: head.version,
      },
    });
    await fixture.governance.changes.withdraw(await fixture.as('alice'), { id: withdrawn.id });
    const second = await ship('2026-12-08T09:00:00Z', 24 * HOUR, 'Answers in one short line.');
    const third = await ship('2026-12-10T09:00:00Z', 2 * HOUR, 'Answers briefly.');

    const viewer = await fixture.as('viv');
    const metadata = await fixture.governance.metadata(viewer, { kind: 'prompt', name: FAST });
    expect(metadata.version).toBe(third.version);
    expect(metadata.purpose).toBe('Answers briefly.');
    expect(metadata.lastEdit).toMatchObject({ author: 'user:alice', at: '2026-12-10T09:00:00.000Z' });
    expect(metadata.cycleTime).toEqual({
      environment: 'production',
      last: {
        changeRequestId: third.id,
        version: third.version,
        proposedAt: '2026-12-10T09:00:00.000Z',
        deployedAt: '2026-12-10T11:00:00.000Z',
        durationMs: 2 * HOUR,
      },
      medianMs: 3 * HOUR,
      window: 10,
      count: 3,
    });
    // The window: the two newest deploys only (2 h and 24 h).
    const two = await fixture.governance.metadata(viewer, { kind: 'prompt', name: FAST, window: 2 });
    expect(two.cycleTime).toMatchObject({ medianMs: 13 * HOUR, count: 2 });
    // Nothing deployed to staging through a change request.
    const staging = await fixture.governance.metadata(viewer, {
      kind: 'prompt',
      name: FAST,
      environment: 'staging',
    });
    expect(staging.cycleTime.last).toBeNull();

    // The repository returns newest deploy first.
    const artifactId = (await findArtifact(fixture.handle.db, 'prompt', FAST))!.id;
    const rows = await listCycleTimes(fixture.handle.db, artifactId, 'production', 10);
    expect(rows.map((row) => row.changeRequestId)).toEqual([third.id, second.id, first.id]);
  });

  it('lists the newest eval result per suite with its metrics and what it was tested with', async () => {
    const dan = await fixture.as('dan');
    const head = (await fixture.catalog.get('prompt', FAST)).headVersion;
    const testedWith = { models: [{ id: 'scripted/fast' }], promptops: '0.0.0', tools: [] };
    await fixture.governance.evals.record(dan, {
      kind: 'prompt',
      name: FAST,
      version: head,
      suite: 'support/fast',
      passed: 9,
      total: 10,
      details: { formatCompliance: 1, testedWith },
    });
    const metadata = await fixture.governance.metadata(await fixture.as('viv'), {
      kind: 'prompt',
      name: FAST,
    });
    expect(metadata.evals).toEqual([
      expect.objectContaining({
        suite: 'support/fast',
        passRate: 0.9,
        metrics: { formatCompliance: 1 },
        testedWith,
      }),
    ]);
  });
});
