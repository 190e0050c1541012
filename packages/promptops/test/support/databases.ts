import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/store/index.ts';

/**
 * The databases every contract suite runs against: PGlite always, Postgres when
 * PROMPTOPS_TEST_POSTGRES names a server. Each Postgres suite gets a database of its own, created
 * for it and dropped after, so test files run in parallel without seeing each other's rows.
 */
export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<DatabaseHandle>;
  /**
   * A database that outlives its handles, for restart tests: open it, close it and open it again
   * (PGlite in a folder, or a Postgres database of its own); `drop` removes it.
   */
  reopenable(): Promise<ReopenableDatabase>;
}

export interface ReopenableDatabase {
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
  /** What a `promptops` process needs in its environment to open it: `DATABASE_URL` or `PROMPTOPS_DATA_DIR`. */
  env: Record<string, string>;
}

const postgresUrl = process.env.PROMPTOPS_TEST_POSTGRES;

export const POSTGRES_SKIP_MESSAGE =
  'Postgres suite SKIPPED: set PROMPTOPS_TEST_POSTGRES=postgres://user@host:5432/db to run it (CI does).';

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [
    { name: 'pglite', open: () => openDatabase({}), reopenable: reopenablePglite },
  ];
  if (postgresUrl) {
    const url = postgresUrl;
    list.push({
      name: 'postgres',
      open: () => openScratchPostgres(url),
      reopenable: () => reopenablePostgres(url),
    });
  }
  return list;
}

/**
 * `describe` once per database, named `[pglite] ...` / `[postgres] ...`. Without Postgres configured
 * the postgres block is registered as skipped with a message saying so, and CI (which sets the
 * variable) fails when any `[postgres]` test was skipped: see .ci/check-postgres-ran.ts.
 */
export function describeEachDatabase(title: string, body: (database: TestDatabase) => void): void {
  for (const database of testDatabases()) describe(`[${database.name}] ${title}`, () => body(database));
  // The same tests, registered as skipped, so a run without Postgres lists every one of them as such.
  if (!postgresUrl)
    describe.skip(`[postgres] ${title} — ${POSTGRES_SKIP_MESSAGE}`, () => body(UNAVAILABLE_POSTGRES));
}

const UNAVAILABLE_POSTGRES: TestDatabase = {
  name: 'postgres',
  open: () => Promise.reject(new Error(POSTGRES_SKIP_MESSAGE)),
  reopenable: () => Promise.reject(new Error(POSTGRES_SKIP_MESSAGE)),
};

async function openScratchPostgres(url: string): Promise<DatabaseHandle> {
  const scratch = await reopenablePostgres(url);
  const handle = await scratch.open();
  return {
    ...handle,
    async close() {
      await handle.close();
      await scratch.drop();
    },
  };
}

async function reopenablePostgres(url: string): Promise<ReopenableDatabase> {
  const databaseName = `promptops_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create database ${databaseName}`);
  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${databaseName}`;
  return {
    open: () => openDatabase({ url: scratchUrl.toString() }),
    drop: () => adminQuery(url, `drop database if exists ${databaseName} with (force)`),
    env: { DATABASE_URL: scratchUrl.toString() },
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

async function reopenablePglite(): Promise<ReopenableDatabase> {
  const folder = await mkdtemp(join(tmpdir(), 'promptops-pglite-'));
  return {
    open: () => openDatabase({ dataDir: folder }),
    drop: () => rm(folder, { recursive: true, force: true }),
    env: { PROMPTOPS_DATA_DIR: folder },
  };
}
