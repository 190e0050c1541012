import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../../../test/support/rejection.ts';
import type { DatabaseHandle } from '../database.ts';
import { openDatabase } from '../open-database.ts';
import { findArtifact, insertArtifact } from './artifacts-repository.ts';
import { instanceId } from './meta-repository.ts';

async function appliedMigrations(handle: DatabaseHandle): Promise<number> {
  const [row] = await handle.db
    .select({ count: sql<number>`count(*)::int` })
    .from(sql`drizzle.__drizzle_migrations`);
  return row!.count;
}

const at = new Date('2025-03-01T10:00:00.000Z');

describe('openDatabase on a PGlite folder', () => {
  let dataDir: string;
  let first: DatabaseHandle | undefined;

  beforeAll(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'promptops-store-')), 'db');
  });
  afterAll(async () => {
    await first?.close();
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('keeps data across close and reopen, and applies each migration only once', async () => {
    const created = await openDatabase({ dataDir });
    expect(created).toMatchObject({ kind: 'pglite', location: dataDir });
    await insertArtifact(created.db, {
      kind: 'prompt',
      name: 'support/greet',
      description: 'Survives a restart',
      createdAt: at,
      createdBy: 'local:alice',
      updatedAt: at,
    });
    const id = await instanceId(created.db);
    const migrations = await appliedMigrations(created);
    expect(migrations).toBeGreaterThan(0);
    await created.close();

    first = await openDatabase({ dataDir });
    expect(await findArtifact(first.db, 'prompt', 'support/greet')).toMatchObject({
      description: 'Survives a restart',
      createdAt: at,
    });
    expect(await instanceId(first.db)).toBe(id);
    expect(await appliedMigrations(first)).toBe(migrations);
  });

  it('makes a second open of the folder wait, then fail with locked, leaving the first usable', async () => {
    const started = Date.now();
    const error = await rejection(openDatabase({ dataDir, lockTimeoutMs: 300 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(error.code).toBe('locked');
    expect(error.message).toContain(dataDir);
    expect((await findArtifact(first!.db, 'prompt', 'support/greet'))?.description).toBe(
      'Survives a restart',
    );
  });

  it('lets a waiting open through as soon as the first closes', async () => {
    const waiting = openDatabase({ dataDir, lockTimeoutMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const holder = first!;
    first = undefined;
    await holder.close();
    const second = await waiting;
    try {
      expect((await findArtifact(second.db, 'prompt', 'support/greet'))?.description).toBe(
        'Survives a restart',
      );
    } finally {
      await second.close();
    }
  });
});

describe('openDatabase on Postgres', () => {
  it('fails with database_error for an unreachable server, without revealing the password', async () => {
    const error = await rejection(openDatabase({ url: 'postgres://alice:secret123@127.0.0.1:1/catalog' }));
    expect(error.code).toBe('database_error');
    expect(error.message).toContain('127.0.0.1:1');
    expect(error.message).not.toContain('secret123');
    expect(JSON.stringify(error.toJSON())).not.toContain('secret123');
  });

  it('fails with database_error for a malformed URL, without revealing the password', async () => {
    const error = await rejection(openDatabase({ url: 'postgres://alice:secret123@127.0.0.1:port/catalog' }));
    expect(error.code).toBe('database_error');
    expect(error.message).not.toContain('secret123');
  });

  const adminUrl = process.env.PROMPTOPS_TEST_POSTGRES;
  it.skipIf(!adminUrl)('[postgres] names the server it opened without the password', async () => {
    const databaseName = `promptops_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`create database ${databaseName}`);
      const url = new URL(adminUrl!);
      url.pathname = `/${databaseName}`;
      url.password = 'secret123';
      const handle = await openDatabase({ url: url.toString() });
      try {
        expect(handle.kind).toBe('postgres');
        expect(handle.location).toContain(databaseName);
        expect(handle.location).not.toContain('secret123');
      } finally {
        await handle.close();
      }
    } finally {
      await admin.query(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    }
  });
});
