import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../store/index.ts';
import { createSummaryCache } from './summary-cache.ts';

describe('createSummaryCache', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({});
  });
  afterAll(async () => {
    await handle.close();
  });

  it('reuses a summary within the TTL, makes it again after, and keys it by summarizer version', async () => {
    let now = Date.parse('2026-12-04T10:00:00Z');
    let summarizerVersion = 1;
    const made: string[] = [];
    const cache = createSummaryCache({
      db: handle.db,
      ttlMs: 60_000,
      now: () => now,
      summarizerVersion: async () => summarizerVersion,
      summarize: async (prompt, { title }) => {
        made.push(`${prompt}:${title}`);
        return { ok: true, text: `summary ${made.length}` };
      },
    });
    const passage = { source: 'kb', docId: 'returns', version: 'v1', title: 'Returns', text: 'Long text.' };
    const run = { parentRunId: 'run-1' };
    expect(await cache.summary('kb/summarize', passage, run)).toEqual({
      ok: true,
      text: 'summary 1',
      hit: false,
    });
    now += 59_000;
    expect(await cache.summary('kb/summarize', passage, run)).toEqual({
      ok: true,
      text: 'summary 1',
      hit: true,
    });
    now += 2_000; // past the TTL
    expect(await cache.summary('kb/summarize', passage, run)).toEqual({
      ok: true,
      text: 'summary 2',
      hit: false,
    });
    summarizerVersion = 2; // a new summarizer version misses
    expect(await cache.summary('kb/summarize', passage, run)).toMatchObject({
      text: 'summary 3',
      hit: false,
    });
    expect(await cache.summary('kb/summarize', { ...passage, version: 'v2' }, run)).toMatchObject({
      text: 'summary 4',
      hit: false,
    });
    expect(made).toHaveLength(4);
  });

  it('stores nothing when the summarizer fails', async () => {
    const cache = createSummaryCache({
      db: handle.db,
      ttlMs: 60_000,
      summarizerVersion: async () => 1,
      summarize: async () => ({ ok: false, reason: 'kb/summarize ended failed' }),
    });
    const passage = { source: 'kb', docId: 'gone', version: 'v1', text: 'x' };
    expect(await cache.summary('kb/summarize', passage, { parentRunId: 'r' })).toEqual({
      ok: false,
      reason: 'kb/summarize ended failed',
    });
  });
});
