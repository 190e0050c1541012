import type { DatabaseHandle } from './database.ts';
import { openPglite } from './pglite-connection.ts';
import { openPostgres } from './postgres-connection.ts';

export interface OpenDatabaseOptions {
  /** A Postgres URL (`DATABASE_URL`); when absent the embedded PGlite in `dataDir` is used. */
  url?: string;
  /** PGlite folder, conventionally `<project>/.promptops/db`; absent with no url means in memory. */
  dataDir?: string;
  lockTimeoutMs?: number;
}

/** Opens the catalog database and brings its schema up to date (migrations run at every start). */
export function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) return openPostgres({ url: options.url });
  return openPglite({ dataDir: options.dataDir, lockTimeoutMs: options.lockTimeoutMs });
}
