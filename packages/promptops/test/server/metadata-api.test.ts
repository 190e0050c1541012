import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { addUser, apiClient } from './api-client.ts';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

/** Low risk in the fixture: one approval by a reviewer, no canary. */
const FAST = 'support/fast-answer';

describeEachDatabase('GET /api/metadata: the catalog fields of a prompt', (database) => {
  let fixture: ServerFixture;
  const { expectStatus, expectError } = apiClient(() => fixture);

  beforeAll(async () => {
    fixture = await startServerFixture({ database: () => database.open() });
    await addUser(fixture, 'rita', [{ role: 'reviewer', prefix: 'support/' }]);
    await addUser(fixture, 'dan', [{ role: 'deployer', prefix: 'support/' }]);
  }, 60_000);
  afterAll(() => fixture?.close());

  it('shows purpose, owner, last edit, evals with testedWith, and the cycle time of the production deploy', async () => {
    const before = await expectStatus(200, `/api/metadata/prompt/${FAST}`, { as: 'alice' });
    expect(before).toMatchObject({
      kind: 'prompt',
      name: FAST,
      version: 1,
      purpose: expect.any(String),
      owner: expect.any(String),
      risk: 'low',
      lastEdit: { at: expect.any(String), author: expect.any(String) },
      evals: [],
      cycleTime: { environment: 'production', last: null, medianMs: null, count: 0 },
    });

    const change = await expectStatus(201, '/api/changes', {
      as: 'alice',
      body: { name: FAST, environment: 'production', title: 'Serve the fast answer' },
    });
    await expectStatus(200, `/api/changes/${change.id}/approve`, { as: 'rita', body: {} });
    await expectStatus(200, `/api/changes/${change.id}/deploy`, { as: 'dan', method: 'POST' });
    const testedWith = { models: [{ id: 'openai/gpt-4o-mini' }], promptops: '0.1.0', tools: [] };
    await expectStatus(201, '/api/evals', {
      as: 'dan',
      body: { name: FAST, version: 1, suite: 'support/fast', passed: 3, total: 4, details: { testedWith } },
    });

    const after = await expectStatus(200, `/api/metadata/prompt/${FAST}?window=5`, { as: 'alice' });
    expect(after.evals).toEqual([
      expect.objectContaining({ suite: 'support/fast', passRate: 0.75, metrics: {}, testedWith }),
    ]);
    expect(after.cycleTime).toMatchObject({
      environment: 'production',
      window: 5,
      count: 1,
      last: { changeRequestId: change.id, version: 1, durationMs: expect.any(Number) },
    });
    expect(after.cycleTime.medianMs).toBe(after.cycleTime.last.durationMs);
    expect(Date.parse(after.cycleTime.last.deployedAt)).toBeGreaterThanOrEqual(
      Date.parse(after.cycleTime.last.proposedAt),
    );
  });

  it('checks read access and the query', async () => {
    // viv reads billing/ only: a support prompt is forbidden to her.
    await expectError(403, 'forbidden', `/api/metadata/prompt/${FAST}`, { as: 'viv' });
    await expectError(404, 'prompt_not_found', '/api/metadata/prompt/support/nope', { as: 'alice' });
    await expectError(400, 'invalid_argument', `/api/metadata/prompt/${FAST}?window=0`, { as: 'alice' });
    await expectError(404, 'version_not_found', `/api/metadata/prompt/${FAST}?version=99`, { as: 'alice' });
  });
});
