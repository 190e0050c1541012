import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../database.ts';
import type { RunRecordRow } from '../schema/index.ts';
import { insertRunRecords } from './run-records-repository.ts';
import { runStats } from './run-stats-repository.ts';

const PROMPT = 'support/classify';
let serial = 0;

function record(at: string, extra: Partial<RunRecordRow> = {}): RunRecordRow {
  serial += 1;
  return {
    id: `run-${serial}`,
    parentId: null,
    rootId: `run-${serial}`,
    kind: 'prompt',
    requestId: null,
    prompt: PROMPT,
    version: 1,
    environment: 'production',
    arm: 'stable',
    provider: 'openai',
    model: 'openai/gpt-4o-mini',
    status: 'ok',
    errorCode: null,
    errorMessage: null,
    startedAt: new Date(at),
    latencyMs: 100,
    timeToFirstTokenMs: null,
    inputTokens: 10,
    outputTokens: 5,
    tokensEstimated: false,
    cost: 0.01,
    currency: 'USD',
    retries: 0,
    fallbacks: [],
    verdicts: [],
    validation: null,
    confidence: null,
    inputFingerprint: 'fingerprint',
    redactedInput: null,
    redactedOutput: null,
    metadata: {},
    ...extra,
  };
}

const allow = { guard: 'pii', stage: 'input', action: 'allow' };
const redact = { guard: 'pii', stage: 'input', action: 'redact' };

const records = [
  // 10:00–11:00 UTC: four stable runs on v1, latencies 100..400; one failed, one with a redaction.
  record('2026-03-01T10:05:00Z', { latencyMs: 100 }),
  record('2026-03-01T10:15:00Z', { latencyMs: 200, verdicts: [allow] }),
  record('2026-03-01T10:25:00Z', { latencyMs: 300, status: 'failed', cost: null, verdicts: [allow, redact] }),
  record('2026-03-01T10:59:59.999Z', { latencyMs: 400 }),
  // 11:00: one canary run on v2 (escalated) and one stable run (blocked) in staging.
  record('2026-03-01T11:00:00Z', { version: 2, arm: 'canary', status: 'escalated', latencyMs: 50 }),
  record('2026-03-01T11:30:00Z', { status: 'blocked', environment: 'staging', cost: 0.02 }),
  // The next day, another prompt, and a run outside the window.
  record('2026-03-02T09:00:00Z', { latencyMs: 1000 }),
  record('2026-03-01T10:10:00Z', { prompt: 'support/other' }),
  record('2026-03-03T00:00:00Z'),
];

describeEachDatabase('run stats repository', (database) => {
  let handle: DatabaseHandle;
  const window = { since: new Date('2026-03-01T00:00:00Z'), until: new Date('2026-03-03T00:00:00Z') };

  beforeAll(async () => {
    handle = await database.open();
    await insertRunRecords(handle.db, records);
  });
  afterAll(() => handle.close());

  it('aggregates per hour, version and arm: counts, percentiles, guard triggers and cost', async () => {
    const rows = await runStats(handle.db, {
      prompt: PROMPT,
      ...window,
      bucket: 'hour',
      byVersionAndArm: true,
    });
    expect(rows.map((row) => [row.bucket, row.version, row.arm, row.runs])).toEqual([
      ['2026-03-01T10:00:00Z', 1, 'stable', 4],
      ['2026-03-01T11:00:00Z', 1, 'stable', 1],
      ['2026-03-01T11:00:00Z', 2, 'canary', 1],
      ['2026-03-02T09:00:00Z', 1, 'stable', 1],
    ]);
    const first = rows[0]!;
    expect(first.p50LatencyMs).toBe(250);
    expect(first.p99LatencyMs).toBeCloseTo(397, 6);
    expect(first).toMatchObject({ failed: 1, escalated: 0, blocked: 0, guardTriggered: 1, unpricedRuns: 1 });
    expect(first.costUsd).toBeCloseTo(0.03, 10);
    expect(rows[2]).toMatchObject({ escalated: 1, runs: 1 });
    expect(rows[1]).toMatchObject({ blocked: 1 });
  });

  it('totals per day over every version; an environment narrows it; a bucket without a price has no cost', async () => {
    const days = await runStats(handle.db, {
      prompt: PROMPT,
      ...window,
      bucket: 'day',
      byVersionAndArm: false,
    });
    expect(days.map((row) => [row.bucket, row.version, row.arm, row.runs, row.p50LatencyMs])).toEqual([
      ['2026-03-01T00:00:00Z', null, null, 6, 150],
      ['2026-03-02T00:00:00Z', null, null, 1, 1000],
    ]);
    const staging = await runStats(handle.db, {
      prompt: PROMPT,
      environment: 'staging',
      ...window,
      bucket: 'day',
      byVersionAndArm: false,
    });
    expect(staging.map((row) => [row.runs, row.blocked])).toEqual([[1, 1]]);
    const unpriced = await runStats(handle.db, {
      prompt: PROMPT,
      since: new Date('2026-03-01T10:20:00Z'),
      until: new Date('2026-03-01T10:30:00Z'),
      bucket: 'hour',
      byVersionAndArm: false,
    });
    expect(unpriced.map((row) => [row.runs, row.costUsd, row.unpricedRuns])).toEqual([[1, null, 1]]);
  });
});
