import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import lockfile from 'proper-lockfile';
import { PromptopsError } from '../errors/index.ts';
import type { Database, DatabaseHandle } from './database.ts';
import { MIGRATIONS_FOLDER } from './migrate.ts';
import * as schema from './schema/index.ts';

export interface PgliteOptions {
  /** Folder holding the database files; omitted means in memory (tests). */
  dataDir?: string;
  /** How long to wait for another process to release the folder before failing with `locked`. */
  lockTimeoutMs?: number;
}

/**
 * PGlite is single-process: two processes opening one folder would corrupt it. A lock file makes a
 * second process wait its turn (so two `promptops push` runs serialise instead of racing), and fail
 * with `locked` after the timeout. A crashed holder's lock goes stale after ten seconds.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<DatabaseHandle> {
  let release: (() => Promise<void>) | undefined;
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    release = await acquireFolderLock(options.dataDir, options.lockTimeoutMs ?? 60_000);
  }
  try {
    const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
    const db = drizzle({ client, schema }) as unknown as Database;
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      db,
      kind: 'pglite',
      location: options.dataDir ?? 'memory',
      listen: (channel, handler) => client.listen(channel, handler),
      async close() {
        await client.close();
        await release?.();
      },
    };
  } catch (error) {
    await release?.();
    throw new PromptopsError(
      'database_error',
      `cannot open the embedded database at ${options.dataDir ?? 'memory'}`,
      {},
      { cause: error },
    );
  }
}

async function acquireFolderLock(folder: string, timeoutMs: number): Promise<() => Promise<void>> {
  const started = Date.now();
  for (;;) {
    try {
      return await lockfile.lock(folder, { stale: 10_000, update: 2_000, lockfilePath: `${folder}/.lock` });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ELOCKED') throw error;
      if (Date.now() - started > timeoutMs) {
        throw new PromptopsError(
          'locked',
          `another promptops process is using ${folder}; waited ${(timeoutMs / 1000).toFixed(1)} s. ` +
            'Use a Postgres DATABASE_URL for several processes at once.',
          { dataDir: folder },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 100));
    }
  }
}
