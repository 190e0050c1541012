import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../database.ts';
import type { NewArtifactRow } from '../schema/index.ts';
import {
  type ArtifactFilter,
  findArtifact,
  insertArtifact,
  listArtifacts,
  lockArtifact,
  updateArtifact,
} from './artifacts-repository.ts';
import { insertVersion } from './versions-repository.ts';

const createdAt = new Date('2025-03-01T10:00:00.123Z');

function artifactRow(name: string, overrides: Partial<NewArtifactRow> = {}): NewArtifactRow {
  return { kind: 'prompt', name, createdAt, createdBy: 'local:alice', updatedAt: createdAt, ...overrides };
}

type SeedArtifact = Omit<NewArtifactRow, 'createdAt' | 'createdBy' | 'updatedAt'> & {
  /** Versions 1..n; the last is the head. */
  contents?: Record<string, unknown>[];
};

const seed: SeedArtifact[] = [
  {
    kind: 'prompt',
    name: 'support/greet',
    description: 'Greets a customer by name',
    owner: 'support',
    risk: 'low',
    tags: ['support', 'greeting'],
    contents: [
      { messages: [{ role: 'user', content: 'Retired wording' }] },
      { messages: [{ role: 'user', content: 'Say "thanks" warmly, then C:\\tickets\\open — café' }] },
    ],
  },
  {
    kind: 'prompt',
    name: 'support/refund',
    description: 'Explains the refund policy: 100% back within 30 days',
    owner: 'support',
    risk: 'high',
    tags: ['support', 'billing'],
  },
  { kind: 'prompt', name: 'support_legacy/greet', owner: 'support', risk: 'low' },
  {
    kind: 'prompt',
    name: 'supportive/cheer',
    description: 'Cheers the agent up',
    owner: 'people',
    risk: 'low',
  },
  {
    kind: 'prompt',
    name: 'billing/invoice',
    description: 'Drafts an invoice email',
    owner: 'billing',
    risk: 'medium',
    tags: ['billing'],
    status: 'retired',
  },
  {
    kind: 'fragment',
    name: 'support/tone',
    description: 'Friendly tone',
    owner: 'support',
    tags: ['support'],
  },
  { kind: 'example-bank', name: 'support/greet-examples', owner: 'support', tags: ['greeting'] },
];

const allInOrder = [
  'example-bank support/greet-examples',
  'fragment support/tone',
  'prompt billing/invoice',
  'prompt support/greet',
  'prompt support/refund',
  'prompt support_legacy/greet',
  'prompt supportive/cheer',
];

describeEachDatabase('artifacts repository', (database) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(() => handle.close());

  // Runs first, on the empty database: an unfiltered listing must see exactly the seed.
  describe('listArtifacts', () => {
    beforeAll(async () => {
      for (const { contents = [], ...row } of seed) {
        const artifact = await insertArtifact(handle.db, {
          ...row,
          createdAt,
          createdBy: 'seed',
          updatedAt: createdAt,
        });
        for (const [index, content] of contents.entries()) {
          await insertVersion(handle.db, {
            artifactId: artifact.id,
            version: index + 1,
            parentVersion: index === 0 ? null : index,
            contentHash: `hash-${index + 1}`,
            content,
            author: 'seed',
            message: 'seed',
            createdAt,
          });
        }
        if (contents.length > 0)
          await updateArtifact(handle.db, artifact.id, { headVersion: contents.length });
      }
    });

    async function listed(filter?: ArtifactFilter): Promise<string[]> {
      return (await listArtifacts(handle.db, filter)).map((artifact) => `${artifact.kind} ${artifact.name}`);
    }

    it('lists every artifact, retired ones included, ordered by kind then name', async () => {
      expect(await listed()).toEqual(allInOrder);
    });

    it('returns whole rows', async () => {
      const [refund] = await listArtifacts(handle.db, { prefix: 'support/refund' });
      expect(refund).toMatchObject({
        kind: 'prompt',
        name: 'support/refund',
        owner: 'support',
        risk: 'high',
        tags: ['support', 'billing'],
        status: 'active',
        createdAt,
      });
    });

    it('filters by kind', async () => {
      expect(await listed({ kind: 'fragment' })).toEqual(['fragment support/tone']);
      expect(await listed({ kind: 'prompt' })).toHaveLength(5);
    });

    it('filters by folder prefix, taken literally and not as a pattern', async () => {
      expect(await listed({ prefix: 'support/', kind: 'prompt' })).toEqual([
        'prompt support/greet',
        'prompt support/refund',
      ]);
      expect(await listed({ prefix: 'support_' })).toEqual(['prompt support_legacy/greet']);
      expect(await listed({ prefix: 'support', kind: 'prompt' })).toEqual([
        'prompt support/greet',
        'prompt support/refund',
        'prompt support_legacy/greet',
        'prompt supportive/cheer',
      ]);
      expect(await listed({ prefix: '%' })).toEqual([]);
      expect(await listed({ prefix: 'Support/' })).toEqual([]);
    });

    it('filters by tag, owner, risk and status', async () => {
      expect(await listed({ tag: 'greeting' })).toEqual([
        'example-bank support/greet-examples',
        'prompt support/greet',
      ]);
      expect(await listed({ tag: 'greet' })).toEqual([]);
      expect(await listed({ owner: 'people' })).toEqual(['prompt supportive/cheer']);
      expect(await listed({ risk: 'high' })).toEqual(['prompt support/refund']);
      expect(await listed({ status: 'retired' })).toEqual(['prompt billing/invoice']);
      expect(await listed({ status: 'active' })).toEqual(
        allInOrder.filter((name) => !name.includes('invoice')),
      );
    });

    it('combines filters with and', async () => {
      expect(await listed({ tag: 'billing', owner: 'support' })).toEqual(['prompt support/refund']);
      expect(await listed({ owner: 'support', risk: 'low', kind: 'prompt', prefix: 'support/' })).toEqual([
        'prompt support/greet',
      ]);
      expect(await listed({ tag: 'billing', status: 'active', risk: 'medium' })).toEqual([]);
    });

    it('pages with limit and offset over the same order', async () => {
      expect(await listed({ limit: 2 })).toEqual(allInOrder.slice(0, 2));
      expect(await listed({ limit: 3, offset: 2 })).toEqual(allInOrder.slice(2, 5));
      expect(await listed({ offset: 5 })).toEqual(allInOrder.slice(5));
      expect(await listed({ offset: 7 })).toEqual([]);
    });

    describe('text search', () => {
      it('matches name and description, ignoring case', async () => {
        expect(await listed({ text: 'INVOICE EMAIL' })).toEqual(['prompt billing/invoice']);
        expect(await listed({ text: 'cheer' })).toEqual(['prompt supportive/cheer']);
        expect(await listed({ text: 'tone' })).toEqual(['fragment support/tone']);
      });

      it('matches the latest version content only, not older versions', async () => {
        expect(await listed({ text: 'WARMLY' })).toEqual(['prompt support/greet']);
        expect(await listed({ text: 'retired wording' })).toEqual([]);
      });

      it('matches non-ASCII text, ignoring case', async () => {
        expect(await listed({ text: 'CAFÉ' })).toEqual(['prompt support/greet']);
      });

      it('takes % and _ literally', async () => {
        expect(await listed({ text: '100%' })).toEqual(['prompt support/refund']);
        // As wildcards these would match "the refund policy" and "support/greet".
        expect(await listed({ text: 'refund%policy' })).toEqual([]);
        expect(await listed({ text: 'support_greet' })).toEqual([]);
        expect(await listed({ text: '_legacy' })).toEqual(['prompt support_legacy/greet']);
      });

      it('finds content containing quotes and backslashes as the author wrote it', async () => {
        expect(await listed({ text: 'say "thanks"' })).toEqual(['prompt support/greet']);
        expect(await listed({ text: 'C:\\tickets' })).toEqual(['prompt support/greet']);
      });

      it('searches what the content says, not the names of its fields', async () => {
        expect(await listed({ text: 'messages' })).toEqual([]);
        expect(await listed({ text: 'role' })).toEqual([]);
      });

      it('combines with the other filters', async () => {
        expect(await listed({ text: 'support', kind: 'fragment' })).toEqual(['fragment support/tone']);
        expect(await listed({ text: 'greet', tag: 'greeting', kind: 'prompt' })).toEqual([
          'prompt support/greet',
        ]);
      });
    });
  });

  describe('insertArtifact and findArtifact', () => {
    it('assigns an id and the defaults of a new artifact: active, no version yet, no tags', async () => {
      const inserted = await insertArtifact(handle.db, artifactRow('greeting/hello', { owner: 'support' }));
      expect(inserted).toMatchObject({
        kind: 'prompt',
        name: 'greeting/hello',
        owner: 'support',
        description: null,
        status: 'active',
        headVersion: 0,
        tags: [],
        createdBy: 'local:alice',
        retiredAt: null,
      });
      expect(inserted.id).toBeGreaterThan(0);
      expect(await findArtifact(handle.db, 'prompt', 'greeting/hello')).toEqual(inserted);
    });

    it('finds by kind and exact name: the same name under another kind is another artifact', async () => {
      const prompt = await insertArtifact(handle.db, artifactRow('shared/tone'));
      const fragment = await insertArtifact(handle.db, artifactRow('shared/tone', { kind: 'fragment' }));
      expect(fragment.id).not.toBe(prompt.id);
      expect((await findArtifact(handle.db, 'prompt', 'shared/tone'))?.id).toBe(prompt.id);
      expect((await findArtifact(handle.db, 'fragment', 'shared/tone'))?.id).toBe(fragment.id);
      expect(await findArtifact(handle.db, 'example-bank', 'shared/tone')).toBeUndefined();
      expect(await findArtifact(handle.db, 'prompt', 'shared/Tone')).toBeUndefined();
      expect(await findArtifact(handle.db, 'prompt', 'shared/')).toBeUndefined();
    });

    it('refuses a second artifact with the same kind and name', async () => {
      await insertArtifact(handle.db, artifactRow('greeting/unique'));
      await expect(insertArtifact(handle.db, artifactRow('greeting/unique'))).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/artifacts_kind_name_unique/) },
      });
    });

    it('refuses a kind other than prompt, fragment or example-bank', async () => {
      await expect(
        insertArtifact(handle.db, artifactRow('greeting/odd', { kind: 'template' })),
      ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/artifacts_kind_check/) } });
      expect(await findArtifact(handle.db, 'template', 'greeting/odd')).toBeUndefined();
    });
  });

  describe('updateArtifact', () => {
    it('changes only the columns given and returns the updated row', async () => {
      const original = await insertArtifact(
        handle.db,
        artifactRow('invoices/draft', { owner: 'billing', risk: 'low', tags: ['billing'] }),
      );
      const updatedAt = new Date('2025-03-02T08:30:00.456Z');
      const updated = await updateArtifact(handle.db, original.id, {
        description: 'Drafts an invoice email',
        risk: 'high',
        tags: ['billing', 'email'],
        headVersion: 3,
        updatedAt,
      });
      expect(updated).toEqual({
        ...original,
        description: 'Drafts an invoice email',
        risk: 'high',
        tags: ['billing', 'email'],
        headVersion: 3,
        updatedAt,
      });
      expect(await findArtifact(handle.db, 'prompt', 'invoices/draft')).toEqual(updated);
    });

    it('retires an artifact and leaves the others alone', async () => {
      const target = await insertArtifact(handle.db, artifactRow('invoices/old'));
      const bystander = await insertArtifact(handle.db, artifactRow('invoices/current'));
      const retiredAt = new Date('2025-03-03T00:00:00.001Z');
      await updateArtifact(handle.db, target.id, { status: 'retired', retiredAt });
      expect(await findArtifact(handle.db, 'prompt', 'invoices/old')).toMatchObject({
        status: 'retired',
        retiredAt,
      });
      expect(await findArtifact(handle.db, 'prompt', 'invoices/current')).toEqual(bystander);
    });

    it('refuses a status other than active or retired, leaving the row as it was', async () => {
      const original = await insertArtifact(handle.db, artifactRow('invoices/status'));
      await expect(updateArtifact(handle.db, original.id, { status: 'archived' })).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/artifacts_status_check/) },
      });
      expect(await findArtifact(handle.db, 'prompt', 'invoices/status')).toEqual(original);
    });
  });

  describe('lockArtifact', () => {
    it('reads the row inside a transaction, or nothing for an unknown name', async () => {
      const inserted = await insertArtifact(handle.db, artifactRow('lock/read'));
      const [locked, missing] = await handle.db.transaction(async (tx) => [
        await lockArtifact(tx, 'prompt', 'lock/read'),
        await lockArtifact(tx, 'prompt', 'lock/missing'),
      ]);
      expect(locked).toEqual(inserted);
      expect(missing).toBeUndefined();
    });

    it('makes a second locker wait for the first transaction, then see its change', async () => {
      const inserted = await insertArtifact(handle.db, artifactRow('lock/race'));
      const events: string[] = [];
      let signalLocked!: () => void;
      const firstHoldsLock = new Promise<void>((resolve) => {
        signalLocked = resolve;
      });
      let releaseFirst!: () => void;
      const firstMayFinish = new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });

      const first = handle.db.transaction(async (tx) => {
        await lockArtifact(tx, 'prompt', 'lock/race');
        signalLocked();
        await firstMayFinish;
        await updateArtifact(tx, inserted.id, { headVersion: 1 });
        events.push('first done');
      });
      await firstHoldsLock;
      const second = handle.db.transaction(async (tx) => {
        const row = await lockArtifact(tx, 'prompt', 'lock/race');
        events.push('second locked');
        return row;
      });
      await new Promise((resolve) => setTimeout(resolve, 150));
      events.push('first released');
      releaseFirst();

      await first;
      const seenBySecond = await second;
      expect(events).toEqual(['first released', 'first done', 'second locked']);
      expect(seenBySecond?.headVersion).toBe(1);
    });
  });

  describe('timestamps', () => {
    it('come back to the millisecond, before 1970 included', async () => {
      const instants = [
        new Date('2025-03-01T10:00:00.001Z'),
        new Date('2025-12-31T23:59:59.999Z'),
        new Date('1969-07-20T20:17:40.123Z'),
      ];
      for (const [index, instant] of instants.entries()) {
        const name = `time/${index}`;
        await insertArtifact(
          handle.db,
          artifactRow(name, { createdAt: instant, updatedAt: instant, retiredAt: instant }),
        );
        const stored = await findArtifact(handle.db, 'prompt', name);
        expect([stored?.createdAt, stored?.updatedAt, stored?.retiredAt]).toEqual([
          instant,
          instant,
          instant,
        ]);
      }
    });

    it('come back as the same instant when the session runs in another time zone', async () => {
      const instant = new Date('2025-06-15T23:45:12.345Z');
      await insertArtifact(handle.db, artifactRow('time/zoned', { createdAt: instant }));
      const stored = await handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local time zone 'Asia/Kolkata'`);
        return findArtifact(tx, 'prompt', 'time/zoned');
      });
      expect(stored?.createdAt).toEqual(instant);
    });
  });
});
