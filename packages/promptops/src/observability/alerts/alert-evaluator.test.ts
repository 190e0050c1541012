import { describe, expect, it } from 'vitest';
import { type AlertRule, Policies } from '../../governance/policies/policies-schema.ts';
import type { RunResult } from '../../runtime/run-result.ts';
import { createAlertEvaluator } from './alert-evaluator.ts';

const rules = (alerts: unknown[]): AlertRule[] => Policies.parse({ alerts }).alerts;

const run = (overrides: Partial<RunResult> = {}): RunResult => ({
  status: 'ok',
  runId: 'r',
  prompt: 'support/classify-intent',
  version: 2,
  arm: 'canary',
  environment: 'production',
  output: '',
  model: 'openai/gpt-4o-mini',
  usage: null,
  cost: { amount: 0.001, currency: 'USD' },
  attempts: [],
  validationRetries: [],
  verdicts: [],
  latencyMs: 100,
  warnings: [],
  ...overrides,
});

const failed = (overrides: Partial<RunResult> = {}) =>
  run({ status: 'failed', error: { code: 'provider_error', message: 'HTTP 500' }, ...overrides });

function setup(alerts: unknown[], window = { windowMs: 60_000, bucketMs: 10_000 }) {
  const clock = { now: Date.parse('2026-12-04T09:00:00Z') };
  const evaluator = createAlertEvaluator({ rules: rules(alerts), now: () => clock.now, window });
  const advance = (ms: number) => {
    clock.now += ms;
  };
  const state = (rule: string, arm = 'canary') =>
    evaluator.statuses().find((status) => status.rule === rule && status.arm === arm);
  return { clock, evaluator, advance, state };
}

const ERRORS = {
  name: 'errors',
  condition: 'error_rate > 0.05',
  for: '2m',
  severity: 'critical',
  min_requests: 10,
};

describe('createAlertEvaluator', () => {
  it('goes ok → pending → firing only after the condition held for `for:`, then resolves', () => {
    const { evaluator, advance, state } = setup([ERRORS]);
    for (let index = 0; index < 10; index += 1) evaluator.observe(index < 3 ? failed() : run());
    expect(evaluator.evaluate().map((move) => `${move.from}->${move.status.state}`)).toEqual(['ok->pending']);
    expect(state('errors')).toMatchObject({ state: 'pending', value: 0.3, threshold: 0.05, runs: 10 });
    advance(60_000);
    for (let index = 0; index < 10; index += 1) evaluator.observe(failed());
    expect(evaluator.evaluate()).toEqual([]); // held one minute of two
    advance(60_000);
    for (let index = 0; index < 10; index += 1) evaluator.observe(failed());
    const [fired] = evaluator.evaluate();
    expect(fired).toMatchObject({
      from: 'pending',
      status: {
        state: 'firing',
        rule: 'errors',
        prompt: 'support/classify-intent',
        version: 2,
        arm: 'canary',
      },
    });
    expect(fired?.status.firedAt).toBe('2026-12-04T09:02:00.000Z');
    // The window slides past the failures; healthy runs bring the rate down.
    advance(70_000);
    for (let index = 0; index < 20; index += 1) evaluator.observe(run());
    expect(evaluator.evaluate().map((move) => `${move.from}->${move.status.state}`)).toEqual([
      'firing->resolved',
    ]);
    expect(state('errors')).toMatchObject({
      state: 'resolved',
      value: 0,
      resolvedAt: '2026-12-04T09:03:10.000Z',
    });
  });

  it('does not judge rates on fewer runs than min_requests: one failure in one run never fires', () => {
    const { evaluator, state } = setup([{ ...ERRORS, for: '0s' }]);
    evaluator.observe(failed());
    expect(evaluator.evaluate()).toEqual([]);
    expect(state('errors')).toMatchObject({ state: 'ok', value: null, runs: 1 });
    for (let index = 0; index < 9; index += 1) evaluator.observe(failed());
    // With `for: 0s` an alert goes straight from ok to firing in one evaluation.
    expect(evaluator.evaluate().map((move) => `${move.from}->${move.status.state}`)).toEqual(['ok->firing']);
  });

  it('keeps each prompt, version and arm apart', () => {
    const { evaluator, state } = setup([{ ...ERRORS, for: '0s' }]);
    for (let index = 0; index < 10; index += 1) {
      evaluator.observe(failed());
      evaluator.observe(run({ version: 1, arm: 'stable' }));
    }
    const moves = evaluator.evaluate();
    expect(moves.map((move) => `${move.status.version}/${move.status.arm}:${move.status.state}`)).toEqual([
      '2/canary:firing',
    ]);
    expect(state('errors', 'stable')).toMatchObject({ state: 'ok', value: 0 });
  });

  it('returns to ok when the condition stops holding before `for:` passed', () => {
    const { evaluator, advance, state } = setup([ERRORS]);
    for (let index = 0; index < 10; index += 1) evaluator.observe(failed());
    evaluator.evaluate();
    advance(70_000);
    for (let index = 0; index < 10; index += 1) evaluator.observe(run());
    expect(evaluator.evaluate().map((move) => `${move.from}->${move.status.state}`)).toEqual(['pending->ok']);
    expect(state('errors')?.firedAt).toBeNull();
  });

  it('computes p99 latency, guard, validation and escalation rates', () => {
    const { evaluator, state } = setup([
      { name: 'slow', condition: 'p99_latency_ms > 5000', severity: 'warning', min_requests: 100 },
      { name: 'median', condition: 'p50_latency_ms > 500', severity: 'info', min_requests: 100 },
      { name: 'guards', condition: 'guard_trigger_rate >= 0.1', severity: 'warning', min_requests: 100 },
      {
        name: 'invalid',
        condition: 'validation_failure_rate > 0.01',
        severity: 'warning',
        min_requests: 100,
      },
      { name: 'escalated', condition: 'escalation_rate > 0.5', severity: 'info', min_requests: 100 },
    ]);
    for (let index = 0; index < 100; index += 1) {
      evaluator.observe(
        run({
          latencyMs: index < 97 ? 200 : 9000,
          verdicts:
            index % 10 === 0
              ? [{ guard: 'pii', stage: 'input', action: 'redact' }]
              : [{ guard: 'pii', stage: 'input', action: 'allow' }],
          validationRetries: index < 2 ? ['not JSON'] : [],
          status: index < 5 ? 'escalated' : 'ok',
        }),
      );
    }
    const fired = evaluator.evaluate().map((move) => move.status.rule);
    expect(fired).toEqual(['slow', 'guards', 'invalid']);
    const p99 = state('slow')?.value ?? 0;
    expect(p99).toBeGreaterThan(5000);
    expect(p99).toBeLessThanOrEqual(9000);
    const p50 = state('median')?.value ?? 0;
    // Log-spaced buckets: a quantile is within a factor 1.5 of the true one.
    expect(p50).toBeGreaterThan(200 / 1.5);
    expect(p50).toBeLessThanOrEqual(200 * 1.5);
    expect(state('escalated')).toMatchObject({ state: 'ok', value: 0.05 });
  });

  it('compares the last hour of spend with the mean hour of the day before', () => {
    const { evaluator, advance, state } = setup([
      { name: 'spike', condition: 'hourly_cost > 2 * baseline_hourly_cost', for: '0s', severity: 'warning' },
    ]);
    const spend = (hours: number, perHour: number) => {
      for (let minute = 0; minute < hours * 60; minute += 1) {
        evaluator.observe(run({ cost: { amount: perHour / 60, currency: 'USD' } }));
        advance(60_000);
      }
    };
    spend(1, 1);
    evaluator.evaluate();
    expect(state('spike')).toMatchObject({ state: 'ok', value: null }); // no complete hour yet
    spend(3, 1);
    expect(evaluator.evaluate()).toEqual([]);
    expect(state('spike')?.threshold).toBeCloseTo(2, 5);
    spend(1, 5);
    expect(evaluator.evaluate().map((move) => move.status.state)).toEqual(['firing']);
    // The hour up to now: the 59 most recent minutes at $5/h (the clock sits at the start of a new minute).
    expect(state('spike')?.value).toBeCloseTo((5 * 59) / 60, 5);
  });

  it('keeps no series beyond maxSeries and forgets series idle for more than a day', () => {
    const clock = { now: 0 };
    const evaluator = createAlertEvaluator({ rules: rules([ERRORS]), now: () => clock.now, maxSeries: 2 });
    for (const version of [1, 2, 3]) evaluator.observe(run({ version }));
    expect(evaluator.dropped()).toBe(1);
    evaluator.evaluate();
    expect(evaluator.statuses()).toHaveLength(2);
    clock.now += 26 * 3_600_000;
    evaluator.evaluate();
    expect(evaluator.statuses()).toHaveLength(0);
  });

  it("ignores draft runs (the editor's Try it): they have no version to alert on", () => {
    const { evaluator, state } = setup([ERRORS]);
    for (let index = 0; index < 20; index += 1) evaluator.observe(failed({ version: null, arm: 'draft' }));
    expect(evaluator.evaluate()).toEqual([]);
    expect(state('errors', 'draft')).toBeUndefined();
    expect(evaluator.statuses()).toEqual([]);
  });
});
