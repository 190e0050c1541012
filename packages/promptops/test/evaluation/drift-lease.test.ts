import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DriftCheckReport } from '../../src/evaluation/drift/index.ts';
import { createDriftWatch, runUnderDriftLease } from '../../src/evaluation/drift/index.ts';
import { DriftPolicy } from '../../src/governance/policies/index.ts';
import { type DatabaseHandle, readLease, takeLease } from '../../src/store/index.ts';
import { describeEachDatabase } from '../support/databases.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const emptyReport = (): DriftCheckReport => ({
  startedAt: new Date().toISOString(),
  finishedAt: new Date().toISOString(),
  drop: 0.05,
  results: [],
});

describeEachDatabase('drift watch lease: one replica at a time', (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('lets exactly one of two racing replicas take a free lease', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const until = new Date('2026-01-01T00:15:00Z');
    const taken = await Promise.all(
      ['replica-a', 'replica-b'].map((holder) => takeLease(handle.db, { job: 'race', holder, now, until })),
    );
    expect(taken.filter((lease) => lease !== undefined)).toHaveLength(1);
    // Expired, it can be taken over.
    const later = new Date('2026-01-01T00:16:00Z');
    const takeover = await takeLease(handle.db, {
      job: 'race',
      holder: 'replica-c',
      now: later,
      until: new Date('2026-01-01T00:31:00Z'),
    });
    expect(takeover?.holder).toBe('replica-c');
  });

  it('skips a check on a second replica while the first runs one, and shares the schedule', async () => {
    const policy = DriftPolicy.parse({ every: '1h' });
    let release: () => void = () => undefined;
    const blocker = new Promise<void>((resolve) => {
      release = resolve;
    });
    let runs = 0;
    const slowCheck = async () => {
      runs += 1;
      await blocker;
      return emptyReport();
    };
    const first = createDriftWatch({
      db: handle.db,
      policy,
      check: slowCheck,
      log: silent,
      holder: 'replica-1',
    });
    const second = createDriftWatch({
      db: handle.db,
      policy,
      check: slowCheck,
      log: silent,
      holder: 'replica-2',
    });
    const running = first.tick();
    // Wait until the first replica holds the lease and is inside its check.
    while (runs === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const skipped = await second.tick();
    expect(skipped).toMatchObject({ outcome: 'skipped', heldBy: 'replica-1' });
    expect(runs).toBe(1);
    release();
    expect((await running).outcome).toBe('ran');
    // The period has not passed: neither replica runs again, and the lease says when it last ran.
    expect((await second.tick()).outcome).toBe('skipped');
    expect((await first.tick()).outcome).toBe('skipped');
    expect(runs).toBe(1);
    const lease = await readLease(handle.db, 'drift-watch');
    expect(lease?.lastRunAt).toBeDefined();
    // On demand (drift check) ignores the schedule but still takes the lease.
    const onDemand = await runUnderDriftLease({ db: handle.db, holder: 'cli' }, async () => emptyReport());
    expect(onDemand.outcome).toBe('ran');
    await first.close();
    await second.close();
  });
});
