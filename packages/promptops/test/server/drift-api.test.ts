import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIFT_PRINCIPAL, runUnderDriftLease } from '../../src/evaluation/drift/index.ts';
import { addUser, apiClient } from './api-client.ts';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

const FAST = 'support/fast-answer';

/** `GET /api/drift`: the drift watch's recorded results, filtered by what the caller may read. */
describe('drift results over HTTP', () => {
  let fixture: ServerFixture;
  const { expectStatus } = apiClient(() => fixture);

  beforeAll(async () => {
    fixture = await startServerFixture();
    await addUser(fixture, 'viv-support', [{ role: 'viewer', prefix: 'support/' }]);
    const record = (passed: number, drops: unknown[]) =>
      fixture.governance.evals.record(DRIFT_PRINCIPAL, {
        kind: 'prompt',
        name: FAST,
        version: 1,
        suite: 'support/intents',
        passed,
        total: 4,
        details: { passRate: passed / 4, drift: { environments: ['production'], drop: 0.05, drops } },
      });
    await record(4, []);
    await record(3, [{ metric: 'passRate', before: 1, after: 0.75, fall: 0.25 }]);
    // A result someone recorded by hand is not the drift watch's.
    await fixture.governance.evals.record(
      await fixture.governance.authenticateToken(fixture.tokens.get('admin') as string),
      { kind: 'prompt', name: FAST, version: 1, suite: 'support/intents', passed: 1, total: 4 },
    );
    await runUnderDriftLease({ db: fixture.runtime.handle.db, holder: 'replica-x' }, async () => ({
      startedAt: '',
      finishedAt: '',
      drop: 0.05,
      results: [],
    }));
  });
  afterAll(async () => {
    await fixture.close();
  });

  it('lists the drift watch’s results newest first with the fallen figures, and when it last ran', async () => {
    const body = await expectStatus(200, '/api/drift', { as: 'viv-support' });
    expect(body.results).toHaveLength(2);
    expect(body.results[0]).toMatchObject({
      prompt: FAST,
      version: 1,
      suite: 'support/intents',
      passRate: 0.75,
      drifted: true,
      drift: { drops: [{ metric: 'passRate', before: 1, after: 0.75, fall: 0.25 }] },
    });
    expect(body.results[1]).toMatchObject({ passRate: 1, drifted: false });
    expect(typeof body.lastRunAt).toBe('string');
    expect(body.running).toBeNull();
    const onlyDrifted = await expectStatus(200, '/api/drift?drifted=true', { as: 'viv-support' });
    expect(onlyDrifted.results).toHaveLength(1);
  });

  it('shows a viewer only the prompts they may read', async () => {
    const body = await expectStatus(200, '/api/drift', { as: 'viv' });
    expect(body.results).toEqual([]);
  });
});
