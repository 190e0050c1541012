import { describe, expect, it } from 'vitest';
import type { CaseOutput } from '../eval-types.ts';
import { grade } from './test-fixtures.ts';

describe('latency and cost', () => {
  it("latency is a ceiling in ms, as value or promptfoo's threshold", async () => {
    expect((await grade({ type: 'latency', value: 200 }, { latencyMs: 150 })).pass).toBe(true);
    expect((await grade({ type: 'latency', threshold: 100 }, { latencyMs: 150 })).reason).toBe(
      'expected latency ≤ 100 ms, found 150 ms',
    );
  });

  it('cost is a ceiling in USD; an unknown price is unmeasured, never free', async () => {
    expect((await grade({ type: 'cost', value: 0.01 }, { costUsd: 0.002 })).pass).toBe(true);
    expect((await grade({ type: 'cost', value: 0.001 }, { costUsd: 0.002 })).reason).toBe(
      'expected cost ≤ $0.001, found $0.002',
    );
    expect(await grade({ type: 'cost', value: 0.01 }, { costUsd: null })).toEqual({
      type: 'cost',
      pass: null,
      score: 0,
      weight: 1,
      reason: 'cost unknown (no price for this model)',
    });
  });
});

describe('status', () => {
  it('matches one status or a list', async () => {
    expect((await grade({ type: 'status', value: 'ok' }, { status: 'ok' })).pass).toBe(true);
    expect((await grade({ type: 'status', value: ['ok', 'uncertain'] }, { status: 'uncertain' })).pass).toBe(
      true,
    );
    const failed = await grade(
      { type: 'status', value: 'ok' },
      { status: 'failed', error: { code: 'provider_timeout', message: 'timed out' } },
    );
    expect(failed.reason).toBe('expected status ok, found status failed (provider_timeout)');
    expect((await grade({ type: 'not-status', value: 'blocked' }, { status: 'ok' })).pass).toBe(true);
    expect((await grade({ type: 'not-status', value: 'blocked' }, { status: 'blocked' })).reason).toBe(
      'expected not status blocked, found status blocked',
    );
  });
});

describe('guard', () => {
  const verdicts: CaseOutput['verdicts'] = [
    { guard: 'pii', stage: 'input', action: 'redact' },
    { guard: 'injection-heuristics', stage: 'input', action: 'allow' },
    { guard: 'commitments', stage: 'output', action: 'escalate', reason: 'promised a refund' },
  ];

  it('passes when a matching verdict acted, narrowed by stage, action and check', async () => {
    expect((await grade({ type: 'guard' }, { verdicts })).pass).toBe(true);
    expect(
      (await grade({ type: 'guard', value: { stage: 'output', action: 'escalate' } }, { verdicts })).pass,
    ).toBe(true);
    expect((await grade({ type: 'guard', value: { check: 'PII', stage: 'input' } }, { verdicts })).pass).toBe(
      true,
    );
    const failed = await grade({ type: 'guard', value: { action: 'block' } }, { verdicts });
    expect(failed.reason).toBe(
      'expected a block guard verdict, found only pii input redact, commitments output escalate',
    );
  });

  it('an allow verdict is not a guard firing', async () => {
    expect((await grade({ type: 'guard', value: { check: 'injection' } }, { verdicts })).pass).toBe(false);
  });

  it('not-guard means no guard fired', async () => {
    expect((await grade({ type: 'not-guard' }, { verdicts: [] })).pass).toBe(true);
    expect((await grade({ type: 'not-guard' }, { verdicts })).reason).toBe(
      'expected not a guard verdict, found pii input redact',
    );
  });
});
