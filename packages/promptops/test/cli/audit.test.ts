import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/index.ts';
import { useCliScratch } from './use-cli-scratch.ts';

interface AuditEntryJson {
  position: number;
  actor: string;
  action: string;
  target: string;
}

/**
 * The audit trail as its reader sees it: `audit log` lists it, `audit verify` proves it, and a row
 * changed or deleted behind promptops's back (triggers disabled, as a database superuser could) is
 * named by its position. Tests run in order on one catalog.
 */
describe('promptops audit', () => {
  const scratch = useCliScratch('audit', { example: true });
  const { run } = scratch;
  let entryCount: number;

  /** Runs SQL on the catalog's database with the append-only triggers off, as an attacker would. */
  async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
    const handle = await openDatabase({ dataDir: scratch.dataDir });
    try {
      await handle.db.execute(sql`alter table audit_entries disable trigger audit_entries_append_only`);
      await handle.db.execute(statement);
      await handle.db.execute(sql`alter table audit_entries enable trigger audit_entries_append_only`);
    } finally {
      await handle.close();
    }
  }

  beforeAll(async () => {
    const pushed = await run('push', scratch.project);
    const labelled = await run(
      'label',
      'support/classify-intent',
      '1',
      'staging',
      '--actor',
      'local:someone',
    );
    if (pushed.code !== 0 || labelled.code !== 0)
      throw new Error(`setup failed: ${pushed.stderr}${labelled.stderr}`);
  });

  it('audit verify proves an untouched chain', async () => {
    const result = await run('audit', 'verify');

    expect(result.code).toBe(0);
    const count = /audit chain OK: (\d+) entries verified; head #(\d+) [0-9a-f]{64}/.exec(result.stdout);
    expect(count).not.toBeNull();
    entryCount = Number(count?.[1]);
    expect(Number(count?.[2])).toBe(entryCount);
  });

  it('audit log --json lists every entry, newest first', async () => {
    const result = await run('audit', 'log', '--json', '--limit', '1000');

    expect(result.code).toBe(0);
    const entries = JSON.parse(result.stdout) as AuditEntryJson[];
    expect(entries).toHaveLength(entryCount);
    expect(entries.map((entry) => entry.position)).toEqual(
      Array.from({ length: entryCount }, (_, index) => entryCount - index),
    );
    expect(entries.filter((entry) => entry.action === 'version-create')).toHaveLength(12);
    expect(entries.some((entry) => entry.target === 'support/classify-intent')).toBe(true);
  });

  it('audit log --by filters by actor', async () => {
    const result = await run('audit', 'log', '--by', 'local:someone', '--json');

    expect(result.code).toBe(0);
    const entries = JSON.parse(result.stdout) as AuditEntryJson[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.actor === 'local:someone')).toBe(true);
    expect(entries[0]?.target).toBe('support/classify-intent');
    const text = await run('audit', 'log', '--by', 'local:someone');
    expect(text.stdout).toContain('local:someone');
    expect(text.stdout).not.toContain('local:tester');
  });

  it('an altered entry breaks the chain: exit 9 naming entry 2', async () => {
    const original = await run('audit', 'log', '--json', '--limit', '1000');
    const second = (JSON.parse(original.stdout) as (AuditEntryJson & { reason: string | null })[]).find(
      (entry) => entry.position === 2,
    );
    await tamper(sql`update audit_entries set reason = 'x' where position = 2`);

    const result = await run('audit', 'verify');
    expect(result.code).toBe(9);
    expect(result.stderr).toMatch(/\bentry 2\b/);
    expect(result.stderr).toContain('altered');
    const json = await run('audit', 'verify', '--json');
    expect(json.code).toBe(9);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, problem: { position: 2 } });

    // Putting the field back restores the chain: the check is on the content, not on a flag.
    await tamper(sql`update audit_entries set reason = ${second?.reason ?? null} where position = 2`);
    expect((await run('audit', 'verify')).code).toBe(0);
  });

  it('a deleted entry breaks the chain: exit 9 naming the missing entry', async () => {
    await tamper(sql`delete from audit_entries where position = 5`);

    const result = await run('audit', 'verify');

    expect(result.code).toBe(9);
    expect(result.stderr).toMatch(/\bentry 5\b.*missing/);
  });
});
