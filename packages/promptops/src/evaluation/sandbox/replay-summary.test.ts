import { describe, expect, it } from 'vitest';
import { pairChanged, summariseReplay } from './replay-summary.ts';
import type { ReplayItem, ReplaySide } from './replay-types.ts';

const side = (overrides: Partial<ReplaySide> = {}): ReplaySide => ({
  runId: 'r',
  status: 'ok',
  output: 'Hello.',
  reason: null,
  version: 1,
  model: 'openai/gpt-4o-mini',
  inputTokens: 100,
  outputTokens: 10,
  cost: 0.001,
  currency: 'USD',
  latencyMs: 200,
  ...overrides,
});

const item = (live: ReplaySide, draft: ReplaySide): ReplayItem => ({
  startedAt: '2026-12-04T10:00:00.000Z',
  live,
  draft,
  changed: pairChanged(live, draft),
});

describe('summariseReplay', () => {
  it('counts status changes by kind, most frequent first, and figures before → after', () => {
    const items = [
      item(side(), side({ status: 'blocked', output: '', inputTokens: 80, cost: 0.0008, latencyMs: 100 })),
      item(side(), side({ status: 'blocked', output: '', inputTokens: 80, cost: 0.0008, latencyMs: 100 })),
      item(side({ status: 'escalated' }), side({ inputTokens: 80, cost: null, latencyMs: 300 })),
      item(side(), side({ inputTokens: 80, cost: 0.0008, latencyMs: 100 })),
    ];
    const summary = summariseReplay(items, [{ reason: 'input not kept', count: 3, runIds: [] }], false);
    expect(summary).toMatchObject({
      replayed: 4,
      skipped: 3,
      changed: 3,
      statusChanges: [
        { from: 'ok', to: 'blocked', count: 2 },
        { from: 'escalated', to: 'ok', count: 1 },
      ],
      live: { meanInputTokens: 100, meanOutputTokens: 10, unpriced: 0, p50LatencyMs: 200 },
      draft: { meanInputTokens: 80, unpriced: 1, p50LatencyMs: 100 },
      aborted: false,
    });
    expect(summary.live.totalCost).toBeCloseTo(0.004);
    // An unpriced run is left out of the total, never counted as 0.
    expect(summary.draft.totalCost).toBeCloseTo(0.0024);
  });

  it('has no figures for nothing replayed, rather than zeros', () => {
    expect(summariseReplay([], [], true)).toMatchObject({
      replayed: 0,
      live: { meanInputTokens: null, totalCost: null, p50LatencyMs: null },
      aborted: true,
    });
  });
});

describe('pairChanged', () => {
  it('is a change of status, or of answer text beyond whitespace; an unkept live output is no change', () => {
    expect(pairChanged(side(), side({ output: ' Hello.\n' }))).toBe(false);
    expect(pairChanged(side(), side({ output: 'Hi.' }))).toBe(true);
    expect(pairChanged(side(), side({ status: 'uncertain' }))).toBe(true);
    expect(pairChanged(side({ output: null }), side({ output: 'Anything.' }))).toBe(false);
  });
});
