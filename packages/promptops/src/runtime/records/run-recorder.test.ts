import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type DatabaseHandle,
  listRunRecords,
  openDatabase,
  type RunRecordRow,
  runRecords,
} from '../../store/index.ts';
import { createRunRecorder, type RecordSampler, type RunRecorder } from './run-recorder.ts';

function row(id: string): RunRecordRow {
  return {
    id,
    parentId: null,
    rootId: id,
    kind: 'prompt',
    requestId: null,
    prompt: 'support/reply',
    version: 1,
    environment: 'production',
    arm: 'stable',
    provider: 'openai',
    model: 'openai/gpt-4o-mini',
    status: 'ok',
    errorCode: null,
    errorMessage: null,
    startedAt: new Date('2025-03-01T10:00:00.000Z'),
    latencyMs: 120,
    timeToFirstTokenMs: null,
    inputTokens: 10,
    outputTokens: 5,
    tokensEstimated: false,
    cost: 0.0001,
    currency: 'USD',
    retries: 0,
    fallbacks: [],
    verdicts: [],
    validation: null,
    confidence: null,
    inputFingerprint: null,
    redactedInput: null,
    redactedOutput: null,
    metadata: {},
  };
}

const HOUR = 3_600_000;

describe('createRunRecorder (PGlite in memory)', () => {
  let handle: DatabaseHandle;
  const recorders: RunRecorder[] = [];
  const recorder = (options: Partial<Parameters<typeof createRunRecorder>[0]> = {}) => {
    const created = createRunRecorder({
      db: handle.db,
      fingerprintKey: 'key-1',
      intervalMs: HOUR,
      ...options,
    });
    recorders.push(created);
    return created;
  };
  const stored = async () =>
    (await listRunRecords(handle.db, { limit: 1_000 })).map((record) => record.id).sort();

  beforeAll(async () => {
    handle = await openDatabase({});
  });
  beforeEach(async () => {
    await handle.db.delete(runRecords);
  });
  afterAll(async () => {
    for (const created of recorders) await created.close();
    await handle.close();
  });

  it('only queues: nothing is written before a flush', async () => {
    const runs = recorder();
    runs.record(row('run-1'));
    runs.record(row('run-2'));
    expect(runs.pending()).toBe(2);
    expect(await stored()).toEqual([]);
    await runs.flush();
    expect(runs.pending()).toBe(0);
    expect(await stored()).toEqual(['run-1', 'run-2']);
    expect((await listRunRecords(handle.db))[0]).toMatchObject({ prompt: 'support/reply', cost: 0.0001 });
  });

  it('writes on its interval without being asked', async () => {
    const runs = recorder({ intervalMs: 20 });
    runs.record(row('run-1'));
    expect(await stored()).toEqual([]);
    await vi.waitFor(async () => expect(await stored()).toEqual(['run-1']), { timeout: 2_000, interval: 20 });
  });

  it('writes as soon as a batch is full', async () => {
    const runs = recorder({ batchSize: 3 });
    runs.record(row('run-1'));
    runs.record(row('run-2'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await stored()).toEqual([]);
    runs.record(row('run-3'));
    await vi.waitFor(async () => expect(await stored()).toEqual(['run-1', 'run-2', 'run-3']), {
      timeout: 2_000,
      interval: 10,
    });
  });

  it('flushes everything on close, in as many batches as it takes', async () => {
    const runs = recorder({ batchSize: 2 });
    for (const id of ['run-1', 'run-2', 'run-3', 'run-4', 'run-5']) runs.record(row(id));
    await runs.close();
    expect(runs.pending()).toBe(0);
    expect(await stored()).toEqual(['run-1', 'run-2', 'run-3', 'run-4', 'run-5']);
  });

  it('writes a record recorded twice once', async () => {
    const runs = recorder();
    runs.record(row('run-1'));
    await runs.flush();
    runs.record(row('run-1'));
    await runs.flush();
    expect(await stored()).toEqual(['run-1']);
  });

  it('reports a batch it could not write through onError with the count lost, and goes on writing', async () => {
    const lost: number[] = [];
    const runs = recorder({ batchSize: 2, onError: (_error, count) => lost.push(count) });
    // A row the table refuses (status is NOT NULL) fails its whole batch.
    runs.record(row('run-1'));
    runs.record({ ...row('run-2'), status: null as unknown as string });
    runs.record(row('run-3'));
    await runs.close();
    expect(lost).toEqual([2]);
    expect(runs.pending()).toBe(0);
    expect(await stored()).toEqual(['run-3']);
  });

  it('hands sampled runs to the sampler: prepared before their batch is written, queued once it is stored', async () => {
    const events: string[] = [];
    const sampler: RecordSampler = {
      prepare(record, io) {
        events.push(`prepare ${record.id} ${io.output}`);
        record.redactedOutput = io.output.replace('secret', '[SECRET]');
        return record.id !== 'run-3';
      },
      async queue(_db, records) {
        const ids = new Set(await stored());
        events.push(`queue ${records.map((record) => `${record.id}:${ids.has(record.id)}`).join(',')}`);
      },
    };
    const runs = recorder({ batchSize: 2, sampler });
    runs.record(row('run-1'), { input: {}, output: 'a secret' });
    runs.record(row('run-2'));
    runs.record(row('run-3'), { input: {}, output: 'dropped' });
    runs.record({ ...row('run-4'), status: null as unknown as string }, { input: {}, output: 'lost' });
    await runs.close();
    // run-3's sample was dropped by prepare; run-4's batch failed, so nothing of it is queued.
    expect(events).toEqual([
      'prepare run-1 a secret',
      'queue run-1:true',
      'prepare run-3 dropped',
      'prepare run-4 lost',
    ]);
    expect(
      (await listRunRecords(handle.db, { limit: 10 })).find((record) => record.id === 'run-1'),
    ).toMatchObject({
      redactedOutput: 'a [SECRET]',
    });
  });

  describe('fingerprint', () => {
    it('is stable for the same input and key, and hides the input', () => {
      const input = { ticket: 'My blender is broken', customer: 'c-123' };
      const first = recorder().fingerprint(input);
      expect(first).toMatch(/^[0-9a-f]{32}$/);
      expect(recorder().fingerprint({ ticket: 'My blender is broken', customer: 'c-123' })).toBe(first);
      expect(first).not.toContain('blender');
    });

    it('differs across keys and across inputs', () => {
      const input = { ticket: 'My blender is broken' };
      const first = recorder({ fingerprintKey: 'key-1' }).fingerprint(input);
      expect(recorder({ fingerprintKey: 'key-2' }).fingerprint(input)).not.toBe(first);
      expect(recorder({ fingerprintKey: 'key-1' }).fingerprint({ ticket: 'My toaster is broken' })).not.toBe(
        first,
      );
    });

    it('does not depend on the order the input’s keys were written in', () => {
      const runs = recorder();
      expect(runs.fingerprint({ ticket: 'broken', tone: 'formal' })).toBe(
        runs.fingerprint({ tone: 'formal', ticket: 'broken' }),
      );
    });
  });
});
