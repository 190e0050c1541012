import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { PromptopsError } from '../errors/index.ts';
import type { Database, DatabaseHandle } from './database.ts';
import { MIGRATION_LOCK_KEY, MIGRATIONS_FOLDER } from './migrate.ts';
import { listenOnPostgres } from './postgres-listener.ts';
import * as schema from './schema/index.ts';

export interface PostgresOptions {
  url: string;
  poolSize?: number;
}

/** Connects to Postgres and applies pending migrations under an advisory lock (replicas may race). */
export async function openPostgres(options: PostgresOptions): Promise<DatabaseHandle> {
  const location = redactUrl(options.url);
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Without a listener Node would crash.
  });
  try {
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
      await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch(() => {});
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw new PromptopsError(
      'database_error',
      `cannot open Postgres at ${location}: ${(error as Error).message}`,
      {},
      { cause: error },
    );
  }
  const db = drizzle({ client: pool, schema }) as unknown as Database;
  const listeners = new Set<() => Promise<void>>();
  return {
    db,
    kind: 'postgres',
    location,
    listen: async (channel, handler) => {
      const unlisten = await listenOnPostgres({ url: options.url, channel, handler });
      const unsubscribe = async () => {
        listeners.delete(unsubscribe);
        await unlisten();
      };
      listeners.add(unsubscribe);
      return unsubscribe;
    },
    async close() {
      await Promise.all([...listeners].map((unsubscribe) => unsubscribe()));
      await pool.end();
    },
  };
}

/** The URL as safe to print: the password replaced. Secrets never reach logs or messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable database URL)';
  }
}
