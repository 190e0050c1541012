import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { meta } from '../schema/index.ts';

export async function readMeta(executor: Executor, key: string): Promise<string | undefined> {
  const rows = await executor.select().from(meta).where(eq(meta.key, key));
  return rows[0]?.value;
}

/** A value created once per database (the first writer wins a race) and read ever after. */
export async function ensureMeta(executor: Executor, key: string, create: () => string): Promise<string> {
  await executor.insert(meta).values({ key, value: create() }).onConflictDoNothing();
  return (await readMeta(executor, key))!;
}

/** This database's id, created once; a sync lock file records it to tell databases apart. */
export function instanceId(executor: Executor): Promise<string> {
  return ensureMeta(executor, 'instance_id', randomUUID);
}

/** The key of run records' input fingerprints, shared by every replica of this database. */
export function fingerprintKey(executor: Executor): Promise<string> {
  return ensureMeta(executor, 'fingerprint_key', () => randomBytes(32).toString('hex'));
}

export async function writeMeta(executor: Executor, key: string, value: string): Promise<void> {
  await executor.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } });
}
