import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { meta } from '../schema/index.ts';

export async function readMeta(executor: Executor, key: string): Promise<string | undefined> {
  const rows = await executor.select().from(meta).where(eq(meta.key, key));
  return rows[0]?.value;
}

/** This database's id, created once; a sync lock file records it to tell databases apart. */
export async function instanceId(executor: Executor): Promise<string> {
  await executor.insert(meta).values({ key: 'instance_id', value: randomUUID() }).onConflictDoNothing();
  return (await readMeta(executor, 'instance_id'))!;
}
