import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../database.ts';
import { type AuditEntryRow, auditEntries } from '../schema/index.ts';
import {
  type AuditFilter,
  auditEntriesAfter,
  insertAuditEntry,
  lastAuditEntry,
  listAuditEntries,
} from './audit-repository.ts';

const start = new Date('2025-03-01T10:00:00.000Z');

function minutesAfterStart(minutes: number): Date {
  return new Date(start.getTime() + minutes * 60_000);
}

function auditRow(
  position: number,
  actor: string,
  action: string,
  targetKind: string,
  target: string,
): AuditEntryRow {
  return {
    position,
    at: minutesAfterStart(position),
    actor,
    action,
    targetKind,
    target,
    reason: position % 2 === 0 ? `reason ${position}` : null,
    details: { position, nested: { list: [position] } },
    previousHash: `hash-${position - 1}`,
    hash: `hash-${position}`,
  };
}

/** Position n happened n minutes after `start`. */
const log: AuditEntryRow[] = [
  auditRow(1, 'local:alice', 'environment-create', 'environment', 'production'),
  {
    ...auditRow(2, 'local:alice', 'artifact-create', 'prompt', 'support/greet'),
    reason: 'Grüße "quoted" \\ 👩🏽‍💻',
    details: {
      ratio: 0.1,
      sum: 0.1 + 0.2,
      note: 'e\u0301\n你好',
      empty: [],
      nested: { list: [{}, [], null] },
    },
  },
  auditRow(3, 'local:alice', 'version-create', 'prompt', 'support/greet'),
  auditRow(4, 'local:bob', 'version-create', 'prompt', 'support/greet-v2'),
  auditRow(5, 'local:bob', 'label-move', 'prompt', 'support/greet'),
  auditRow(6, 'local:alice', 'version-create', 'fragment', 'support/tone'),
  auditRow(7, 'local:carol', 'version-create', 'prompt', 'supportive/cheer'),
  auditRow(8, 'local:bob', 'version-create', 'prompt', 'billing/support/refund'),
  auditRow(9, 'local:carol', 'label-move', 'prompt', 'support/faq/shipping'),
];

describeEachDatabase('audit repository', (database) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(() => handle.close());

  async function positions(filter?: AuditFilter): Promise<number[]> {
    return (await listAuditEntries(handle.db, filter)).map((entry) => entry.position);
  }

  it('has no last entry and lists nothing while the log is empty', async () => {
    expect(await lastAuditEntry(handle.db)).toBeUndefined();
    expect(await listAuditEntries(handle.db)).toEqual([]);
    expect(await auditEntriesAfter(handle.db, 0, 10)).toEqual([]);
  });

  describe('with entries', () => {
    beforeAll(async () => {
      for (const row of log) await insertAuditEntry(handle.db, row);
    });

    it('stores every field and returns the entry with the highest position as the last', async () => {
      expect(await lastAuditEntry(handle.db)).toEqual(log[8]);
      const stored = await listAuditEntries(handle.db, { order: 'ascending' });
      expect(stored).toEqual(log);
      expect(stored[1]?.details).toStrictEqual(log[1]?.details);
    });

    it('lists newest first by default, oldest first when ascending', async () => {
      expect(await positions()).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
      expect(await positions({ order: 'descending' })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
      expect(await positions({ order: 'ascending' })).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('limits to the newest entries, or the oldest when ascending', async () => {
      expect(await positions({ limit: 3 })).toEqual([9, 8, 7]);
      expect(await positions({ limit: 2, order: 'ascending' })).toEqual([1, 2]);
    });

    it('filters by actor, action and target kind', async () => {
      expect(await positions({ actor: 'local:bob' })).toEqual([8, 5, 4]);
      expect(await positions({ action: 'label-move' })).toEqual([9, 5]);
      expect(await positions({ targetKind: 'fragment' })).toEqual([6]);
      expect(await positions({ actor: 'local:ALICE' })).toEqual([]);
    });

    it('pages newest first from before a position, filters still applying', async () => {
      expect(await positions({ beforePosition: 6, limit: 3 })).toEqual([5, 4, 3]);
      expect(await positions({ beforePosition: 5, actor: 'local:bob' })).toEqual([4]);
      expect(await positions({ beforePosition: 1 })).toEqual([]);
    });

    it('filters by exact target, which does not match a longer name', async () => {
      expect(await positions({ target: 'support/greet' })).toEqual([5, 3, 2]);
      expect(await positions({ target: 'support' })).toEqual([]);
    });

    it('filters by folder prefix with a trailing slash, nested folders included', async () => {
      expect(await positions({ target: 'support/' })).toEqual([9, 6, 5, 4, 3, 2]);
      expect(await positions({ target: 'support/faq/' })).toEqual([9]);
      expect(await positions({ target: 'billing/' })).toEqual([8]);
      expect(await positions({ target: '%/' })).toEqual([]);
    });

    it('filters by time, both bounds inclusive', async () => {
      expect(await positions({ since: minutesAfterStart(7) })).toEqual([9, 8, 7]);
      expect(await positions({ until: minutesAfterStart(2) })).toEqual([2, 1]);
      expect(await positions({ since: minutesAfterStart(3), until: minutesAfterStart(5) })).toEqual([
        5, 4, 3,
      ]);
      expect(await positions({ since: new Date(minutesAfterStart(3).getTime() + 1) })).toEqual([
        9, 8, 7, 6, 5, 4,
      ]);
      expect(await positions({ since: minutesAfterStart(10) })).toEqual([]);
    });

    it('combines filters with and, then orders and limits', async () => {
      expect(
        await positions({
          actor: 'local:alice',
          action: 'version-create',
          target: 'support/',
          targetKind: 'prompt',
        }),
      ).toEqual([3]);
      expect(await positions({ action: 'version-create', order: 'ascending', limit: 2 })).toEqual([3, 4]);
      expect(await positions({ target: 'support/', since: minutesAfterStart(4), limit: 2 })).toEqual([9, 6]);
    });

    it('pages through the chain in order with auditEntriesAfter, each entry exactly once', async () => {
      expect(await auditEntriesAfter(handle.db, 0, 4)).toEqual(log.slice(0, 4));
      const seen: number[] = [];
      let after = 0;
      for (;;) {
        const page = await auditEntriesAfter(handle.db, after, 4);
        if (page.length === 0) break;
        seen.push(...page.map((entry) => entry.position));
        after = page.at(-1)!.position;
      }
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await auditEntriesAfter(handle.db, 9, 4)).toEqual([]);
    });

    it('refuses to update or delete an entry', async () => {
      const appendOnly = { cause: { message: expect.stringMatching(/append-only/) } };
      const first = eq(auditEntries.position, 1);
      await expect(
        handle.db.update(auditEntries).set({ actor: 'local:mallory' }).where(first),
      ).rejects.toMatchObject(appendOnly);
      await expect(handle.db.delete(auditEntries).where(first)).rejects.toMatchObject(appendOnly);
      expect(await auditEntriesAfter(handle.db, 0, 1)).toEqual([log[0]]);
    });

    it('refuses a second entry at a position already taken', async () => {
      await expect(insertAuditEntry(handle.db, { ...log[0]!, actor: 'local:mallory' })).rejects.toMatchObject(
        {
          cause: { message: expect.stringMatching(/duplicate key/) },
        },
      );
      expect(await auditEntriesAfter(handle.db, 0, 1)).toEqual([log[0]]);
    });

    it('returns at most 100 entries, the newest, when no limit is given', async () => {
      const more = Array.from({ length: 100 }, (_, index) =>
        auditRow(10 + index, 'local:bot', 'version-create', 'prompt', 'bulk/prompt'),
      );
      await handle.db.insert(auditEntries).values(more);
      const listed = await positions();
      expect(listed).toHaveLength(100);
      expect(listed[0]).toBe(109);
      expect(listed.at(-1)).toBe(10);
      expect((await lastAuditEntry(handle.db))?.position).toBe(109);
    });
  });
});
