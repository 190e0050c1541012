import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, apiClient } from './api-client.ts';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

const FAST = 'support/fast-answer';

/**
 * The monitoring page's reads over HTTP: run records aggregated per hour, version and arm
 * (`GET /api/runs/stats`), and the budgets with their ledger (`GET /api/budgets`).
 */
describe('run stats and budgets over HTTP', () => {
  let fixture: ServerFixture;
  const { expectStatus, expectError } = apiClient(() => fixture);
  const startedAt = new Date();

  beforeAll(async () => {
    fixture = await startServerFixture();
    await addUser(fixture, 'vera', [{ role: 'viewer', prefix: 'support/' }]);
    fixture.runtime.server.setRules([{ reply: 'An answer.' }]);
    for (let index = 0; index < 3; index += 1) {
      await expectStatus(200, '/api/runs', {
        as: 'alice',
        body: { prompt: FAST, variables: { question: `question ${index}` } },
      });
    }
    // A failing run: the model answers 500 to every attempt and every fallback.
    fixture.runtime.server.setRules([{ reply: 'down', faults: { status: 500 } }]);
    await expectStatus(502, '/api/runs', {
      as: 'alice',
      body: { prompt: FAST, variables: { question: 'x' } },
    });
    await fixture.runtime.runtime.flush();
  });
  afterAll(() => fixture?.close());

  it('counts the runs of the current hour with their latency percentiles, failures and cost', async () => {
    const stats = await expectStatus(200, `/api/runs/stats?prompt=${FAST}&bucket=hour`, { as: 'vera' });
    expect(stats.buckets).toHaveLength(48);
    const hour = new Date(Math.floor(startedAt.getTime() / 3_600_000) * 3_600_000).toISOString();
    expect(stats.buckets).toContain(hour.replace('.000Z', 'Z'));
    const runs = stats.totals.reduce((sum: number, point: { runs: number }) => sum + point.runs, 0);
    expect(runs).toBe(4);
    const failed = stats.totals.reduce((sum: number, point: { failed: number }) => sum + point.failed, 0);
    expect(failed).toBe(1);
    const point = stats.totals.at(-1);
    expect(point.p99LatencyMs).toBeGreaterThanOrEqual(point.p50LatencyMs);
    expect(point.costUsd).toBeGreaterThan(0);
    expect(stats.series).toEqual([
      expect.objectContaining({ version: 1, arm: 'latest', points: [expect.objectContaining({ runs: 4 })] }),
    ]);
  });

  it('refuses a caller without a grant on the prompt, and a window that is too long or backwards', async () => {
    await expectError(403, 'forbidden', `/api/runs/stats?prompt=${FAST}`, { as: 'viv' });
    await expectError(400, 'invalid_argument', '/api/runs/stats', { as: 'vera' });
    const tooLong = await expectError(
      400,
      'invalid_argument',
      `/api/runs/stats?prompt=${FAST}&since=2020-01-01T00:00:00Z&until=2026-01-01T00:00:00Z`,
      { as: 'vera' },
    );
    expect(tooLong.details.parameter).toBe('bucket');
    const backwards = await expectError(
      400,
      'invalid_argument',
      `/api/runs/stats?prompt=${FAST}&bucket=day&since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z`,
      { as: 'vera' },
    );
    expect(backwards.details.parameter).toBe('since');
  });

  it('lists the budgets a caller may see with what the ledger holds for the current period', async () => {
    const { budgets } = await expectStatus(200, '/api/budgets', { as: 'vera' });
    const names = budgets.map(
      (budget: { name: string; period: string }) => `${budget.name} ${budget.period}`,
    );
    expect(names).toEqual([
      'global day',
      'global month',
      'folder:support day',
      'prompt:support/compressed-classify day',
    ]);
    expect(budgets[0]).toMatchObject({
      scope: 'global',
      softUsd: 250,
      hardUsd: 500,
      periodKey: `day:${new Date().toISOString().slice(0, 10)}`,
    });
    // viv reads billing/ only: the support budgets are not hers to see.
    const forViv = await expectStatus(200, '/api/budgets', { as: 'viv' });
    expect(forViv.budgets.map((budget: { name: string }) => budget.name)).toEqual(['global', 'global']);
  });
});
