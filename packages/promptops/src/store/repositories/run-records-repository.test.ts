import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../database.ts';
import type { RunRecordRow } from '../schema/index.ts';
import {
  findRunRecord,
  insertRunRecords,
  listRunRecords,
  type RunRecordFilter,
} from './run-records-repository.ts';

const start = new Date('2026-03-01T10:00:00.000Z');

function record(id: string, prompt: string, minute: number, extra: Partial<RunRecordRow> = {}): RunRecordRow {
  return {
    id,
    parentId: null,
    rootId: id,
    kind: 'prompt',
    requestId: null,
    prompt,
    version: 1,
    environment: 'production',
    arm: 'stable',
    provider: 'openai',
    model: 'openai/gpt-4o-mini',
    status: 'ok',
    errorCode: null,
    errorMessage: null,
    startedAt: new Date(start.getTime() + minute * 60_000),
    latencyMs: 12,
    timeToFirstTokenMs: null,
    inputTokens: 10,
    outputTokens: 5,
    tokensEstimated: false,
    cost: null,
    currency: null,
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

/** Records a–f; c and d started in the same millisecond, so only the id orders them. */
const records = [
  record('a', 'support/greet', 1),
  record('b', 'support/faq/shipping', 2, { version: 2 }),
  record('c', 'billing/refund', 3, { status: 'failed' }),
  record('d', 'support/greet', 3),
  record('e', 'supportive/cheer', 4),
  record('f', 'support', 5),
];

describeEachDatabase('run records repository', (database) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await database.open();
    await insertRunRecords(handle.db, records);
  });
  afterAll(() => handle.close());

  const ids = async (filter: RunRecordFilter) =>
    (await listRunRecords(handle.db, filter)).map((row) => row.id);

  it('lists newest first, ties broken by id, and finds one by id', async () => {
    expect(await ids({})).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
    expect(await findRunRecord(handle.db, 'b')).toEqual(records[1]);
    expect(await findRunRecord(handle.db, 'zz')).toBeUndefined();
  });

  it('filters by prompt, version, status and time', async () => {
    expect(await ids({ prompt: 'support/greet' })).toEqual(['d', 'a']);
    expect(await ids({ version: 2 })).toEqual(['b']);
    expect(await ids({ status: 'failed' })).toEqual(['c']);
    expect(await ids({ since: records[3]!.startedAt, until: records[4]!.startedAt })).toEqual([
      'e',
      'd',
      'c',
    ]);
  });

  it('keeps to folders the caller may read: a folder covers names under it, not names beside it', async () => {
    expect(await ids({ namePrefixes: ['support/'] })).toEqual(['d', 'b', 'a']);
    expect(await ids({ namePrefixes: ['support', 'support/'] })).toEqual(['f', 'd', 'b', 'a']);
    expect(await ids({ namePrefixes: ['billing/', 'support/faq/'] })).toEqual(['c', 'b']);
    expect(await ids({ namePrefixes: [''] })).toHaveLength(6);
    expect(await ids({ namePrefixes: [] })).toEqual([]);
    expect(await ids({ namePrefixes: ['%/'] })).toEqual([]);
  });

  it('pages after a record without skipping or repeating one that started in the same millisecond', async () => {
    const seen: string[] = [];
    let after: RunRecordFilter['after'];
    for (let page = 0; page < 10; page += 1) {
      const rows = await listRunRecords(handle.db, { limit: 2, ...(after && { after }) });
      seen.push(...rows.map((row) => row.id));
      if (rows.length < 2) break;
      after = { startedAt: rows.at(-1)!.startedAt, id: rows.at(-1)!.id };
    }
    expect(seen).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
  });
});
