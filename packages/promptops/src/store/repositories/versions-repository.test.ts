import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../database.ts';
import { type ArtifactVersionRow, artifactVersions } from '../schema/index.ts';
import { insertArtifact } from './artifacts-repository.ts';
import { findVersion, findVersions, insertVersion, listVersions } from './versions-repository.ts';

const at = new Date('2025-03-01T10:00:00.000Z');

function versionRow(artifactId: number, version: number, text: string): ArtifactVersionRow {
  return {
    artifactId,
    version,
    parentVersion: version === 1 ? null : version - 1,
    contentHash: `hash-of-${text}`,
    content: { messages: [{ role: 'user', content: text }] },
    author: version % 2 === 0 ? 'local:bob' : 'local:alice',
    message: `version ${version}`,
    createdAt: new Date(at.getTime() + version * 60_000),
  };
}

/** Content that a careless serialisation would change: escapes, non-ASCII, float digits, empty containers. */
const trickyContent = {
  description: 'Grüße, 你好, مرحبا, 👩🏽‍💻 and e\u0301 (a combining accent)',
  messages: [
    { role: 'system', content: 'Quote "this", escape \\ that,\nnew line\tand tab' },
    { role: 'user', content: '{{ name }}' },
  ],
  numbers: {
    tenth: 0.1,
    sum: 0.1 + 0.2,
    tiny: 1e-7,
    negative: -42.5,
    maxSafe: Number.MAX_SAFE_INTEGER,
    largest: Number.MAX_VALUE,
    smallest: Number.MIN_VALUE,
    zero: 0,
  },
  flags: { yes: true, no: false, nothing: null },
  empty: { list: [], object: {}, text: '' },
  nested: [[[]], [{ deeper: [{ deepest: [1, [2, [3]]] }] }]],
  'key with spaces and ünïcode': 'value',
};

describeEachDatabase('versions repository', (database) => {
  let handle: DatabaseHandle;
  let greetId: number;
  let otherId: number;

  beforeAll(async () => {
    handle = await database.open();
    const artifact = (name: string) =>
      insertArtifact(handle.db, {
        kind: 'prompt',
        name,
        createdAt: at,
        createdBy: 'local:alice',
        updatedAt: at,
      });
    greetId = (await artifact('support/greet')).id;
    otherId = (await artifact('support/other')).id;
  });
  afterAll(() => handle.close());

  describe('insertVersion and findVersion', () => {
    it('stores a version and finds it with its content', async () => {
      const row = versionRow(greetId, 1, 'Hello');
      expect(await insertVersion(handle.db, row)).toEqual(row);
      expect(await findVersion(handle.db, greetId, 1)).toEqual(row);
    });

    it('numbers versions per artifact: version 1 of another artifact is its own', async () => {
      const other = versionRow(otherId, 1, 'Other');
      await insertVersion(handle.db, other);
      expect(await findVersion(handle.db, otherId, 1)).toEqual(other);
      expect(await findVersion(handle.db, greetId, 1)).toEqual(versionRow(greetId, 1, 'Hello'));
    });

    it('finds nothing for a version or artifact that does not exist', async () => {
      expect(await findVersion(handle.db, greetId, 99)).toBeUndefined();
      expect(await findVersion(handle.db, 999_999, 1)).toBeUndefined();
    });

    it('returns content exactly as it was stored', async () => {
      const row = { ...versionRow(otherId, 2, 'tricky'), content: trickyContent };
      await insertVersion(handle.db, row);
      expect((await findVersion(handle.db, otherId, 2))?.content).toStrictEqual(trickyContent);
      expect((await findVersions(handle.db, otherId, [2]))[0]?.content).toStrictEqual(trickyContent);
    });
  });

  describe('guarantees of the schema', () => {
    it('refuses a second version with the same number, keeping the first', async () => {
      await expect(insertVersion(handle.db, versionRow(greetId, 1, 'Overwritten?'))).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/artifact_versions_artifact_id_version_pk/) },
      });
      expect(await findVersion(handle.db, greetId, 1)).toEqual(versionRow(greetId, 1, 'Hello'));
    });

    it('refuses a version whose parent does not exist', async () => {
      await expect(
        insertVersion(handle.db, { ...versionRow(greetId, 9, 'orphan'), parentVersion: 8 }),
      ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/artifact_versions_parent_fk/) } });
      expect(await findVersion(handle.db, greetId, 9)).toBeUndefined();
    });

    it('refuses a version of an artifact that does not exist', async () => {
      await expect(insertVersion(handle.db, versionRow(999_999, 1, 'nobody'))).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/foreign key/) },
      });
    });

    it('refuses to update or delete a stored version', async () => {
      const appendOnly = { cause: { message: expect.stringMatching(/append-only/) } };
      const where = sql`${artifactVersions.artifactId} = ${greetId} and ${artifactVersions.version} = 1`;
      await expect(
        handle.db.update(artifactVersions).set({ message: 'rewritten' }).where(where),
      ).rejects.toMatchObject(appendOnly);
      await expect(handle.db.delete(artifactVersions).where(where)).rejects.toMatchObject(appendOnly);
      expect(await findVersion(handle.db, greetId, 1)).toEqual(versionRow(greetId, 1, 'Hello'));
    });
  });

  describe('with a history of four versions', () => {
    beforeAll(async () => {
      for (const version of [2, 3, 4])
        await insertVersion(handle.db, versionRow(greetId, version, `Hi ${version}`));
    });

    it('findVersions returns the requested versions in ascending order, whatever the request order', async () => {
      const found = await findVersions(handle.db, greetId, [4, 1, 3]);
      expect(found.map((row) => row.version)).toEqual([1, 3, 4]);
      expect(found[2]).toEqual(versionRow(greetId, 4, 'Hi 4'));
    });

    it('findVersions leaves out versions that do not exist and never reads another artifact', async () => {
      expect((await findVersions(handle.db, greetId, [2, 7])).map((row) => row.version)).toEqual([2]);
      expect((await findVersions(handle.db, otherId, [1, 3, 4])).map((row) => row.version)).toEqual([1]);
      expect(await findVersions(handle.db, greetId, [])).toEqual([]);
    });

    it('listVersions gives the history oldest first with author, message and parent, without contents', async () => {
      const history = await listVersions(handle.db, greetId);
      expect(history).toEqual(
        [1, 2, 3, 4].map((version) => {
          const { content: _content, ...summary } = versionRow(
            greetId,
            version,
            version === 1 ? 'Hello' : `Hi ${version}`,
          );
          return summary;
        }),
      );
      expect(history.every((row) => !('content' in row))).toBe(true);
    });

    it('listVersions is empty for an artifact without versions', async () => {
      const fresh = await insertArtifact(handle.db, {
        kind: 'fragment',
        name: 'support/fresh',
        createdAt: at,
        createdBy: 'local:alice',
        updatedAt: at,
      });
      expect(await listVersions(handle.db, fresh.id)).toEqual([]);
    });
  });
});
