import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSampledRun, shouldSample } from './sampled-run.ts';

describe('isSampledRun', () => {
  const ids = Array.from({ length: 100_000 }, () => randomUUID());

  it.each([
    [0.01, 0.0015],
    [0.1, 0.004],
    [0.5, 0.006],
  ])('samples about %s of random run ids', (rate, tolerance) => {
    // Binomial sd at 100,000 ids: 0.0003 at 1%, 0.0009 at 10%, 0.0016 at 50%; tolerances are 4-5 sd.
    const share = ids.filter((id) => isSampledRun(id, rate)).length / ids.length;
    expect(Math.abs(share - rate)).toBeLessThan(tolerance);
  });

  it('decides a run the same way every time, and a higher rate keeps every run a lower one took', () => {
    const sampledAtOne = ids.slice(0, 5_000).filter((id) => isSampledRun(id, 0.01));
    expect(ids.slice(0, 5_000).filter((id) => isSampledRun(id, 0.01))).toEqual(sampledAtOne);
    expect(sampledAtOne.every((id) => isSampledRun(id, 0.05))).toBe(true);
  });

  it('takes none at 0 and every run at 1', () => {
    expect(ids.slice(0, 1_000).some((id) => isSampledRun(id, 0))).toBe(false);
    expect(ids.slice(0, 1_000).every((id) => isSampledRun(id, 1))).toBe(true);
  });
});

describe('shouldSample', () => {
  const run = { runId: 'run-1', version: 3, rate: 1, metadata: undefined };

  it('samples a live run of a version that has a rate', () => {
    expect(shouldSample(run)).toBe(true);
  });

  it('never samples eval runs, runs that resolved no version, or versions without sampling', () => {
    expect(shouldSample({ ...run, metadata: { eval_suite: 'support/intents', eval_case: 'c1' } })).toBe(
      false,
    );
    expect(shouldSample({ ...run, version: null })).toBe(false);
    expect(shouldSample({ ...run, rate: undefined })).toBe(false);
  });
});
