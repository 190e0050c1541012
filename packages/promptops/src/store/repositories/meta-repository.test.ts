import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../database.ts';
import { meta } from '../schema/index.ts';
import { instanceId, readMeta } from './meta-repository.ts';

describeEachDatabase('meta repository', (database) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(() => handle.close());

  it('reads nothing for a key never written, and the value of one that was', async () => {
    expect(await readMeta(handle.db, 'schema_note')).toBeUndefined();
    await handle.db.insert(meta).values({ key: 'schema_note', value: 'ünïcode ✓' });
    expect(await readMeta(handle.db, 'schema_note')).toBe('ünïcode ✓');
    expect(await readMeta(handle.db, 'Schema_note')).toBeUndefined();
  });

  it('creates one instance id even when several callers ask at once', async () => {
    const ids = await Promise.all([1, 2, 3, 4].map(() => instanceId(handle.db)));
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(1);
    expect(await readMeta(handle.db, 'instance_id')).toBe(ids[0]);
  });

  it('returns the same instance id ever after', async () => {
    const first = await readMeta(handle.db, 'instance_id');
    expect(first).toBeDefined();
    expect(await instanceId(handle.db)).toBe(first);
    expect(await instanceId(handle.db)).toBe(first);
  });
});
