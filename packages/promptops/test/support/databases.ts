import { randomBytes } from 'node:crypto';
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
}

const postgresUrl = process.env.PROMPTOPS_TEST_POSTGRES;

export const POSTGRES_SKIP_MESSAGE =
  'Postgres suite SKIPPED: set PROMPTOPS_TEST_POSTGRES=postgres://user@host:5432/db to run it (CI does).';

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'pglite', open: () => openDatabase({}) }];
  if (postgresUrl) list.push({ name: 'postgres', open: () => openScratchPostgres(postgresUrl) });
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
};

async function openScratchPostgres(url: string): Promise<DatabaseHandle> {
  const databaseName = `promptops_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${databaseName}`;
  const handle = await openDatabase({ url: scratchUrl.toString() });
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${databaseName} with (force)`);
      await dropper.end();
    },
  };
}
