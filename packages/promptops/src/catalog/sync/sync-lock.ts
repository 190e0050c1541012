import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PromptopsError } from '../../errors/index.ts';
import type { ArtifactKind } from '../content/names.ts';

export const SYNC_LOCK_FILE = 'promptops.lock';

/**
 * What a project folder was last synced against: per artifact, the catalog version its files were
 * based on. `push` uses it as the parent of the next version, so an edit made to a stale copy of
 * the files is a `conflict` instead of silently overwriting a newer version made elsewhere (the web
 * UI, another clone). The catalog's instance id tells databases apart: a lock from another database
 * says nothing about this one.
 */
const SyncLock = z.strictObject({
  instance: z.string(),
  artifacts: z.record(z.string(), z.strictObject({ version: z.number().int().positive(), hash: z.string() })),
});
export type SyncLock = z.infer<typeof SyncLock>;

export function lockKey(kind: ArtifactKind, name: string): string {
  return `${kind}:${name}`;
}

export async function readSyncLock(folder: string): Promise<SyncLock | undefined> {
  const path = join(folder, SYNC_LOCK_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PromptopsError(
      'file_invalid',
      `${SYNC_LOCK_FILE} is not JSON (${(error as Error).message}); delete it to start over`,
      {
        location: { file: path },
      },
    );
  }
  const parsed = SyncLock.safeParse(data);
  if (!parsed.success) {
    throw new PromptopsError('file_invalid', `${SYNC_LOCK_FILE} is damaged; delete it to start over`, {
      location: { file: path, field: parsed.error.issues[0]?.path.join('.') },
    });
  }
  return parsed.data;
}

/** The lock file's text: artifacts sorted, so the file diffs cleanly. */
export function syncLockText(lock: SyncLock): string {
  const sorted = {
    instance: lock.instance,
    artifacts: Object.fromEntries(Object.entries(lock.artifacts).sort()),
  };
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** Written atomically (temp file + rename) so a crash never leaves half a lock file. */
export async function writeSyncLock(folder: string, lock: SyncLock): Promise<void> {
  const path = join(folder, SYNC_LOCK_FILE);
  await writeFile(`${path}.tmp`, syncLockText(lock));
  await rename(`${path}.tmp`, path);
}
