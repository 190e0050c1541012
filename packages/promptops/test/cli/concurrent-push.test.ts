import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, copyExample, editFile, snapshotCatalog, spawnCli } from './cli-harness.ts';
import { useCliScratch } from './use-cli-scratch.ts';

/**
 * Two real `promptops push` processes on one embedded catalog at the same moment: the folder lock
 * makes them take turns, and the stale-parent check stops the second from overwriting the first.
 */
// Each test starts real processes (Node start, migrations, PGlite load): seconds each on a busy
// 2-core CI machine, so these get more time than the default. Nothing here measures speed.
describe('two promptops processes pushing at once', { timeout: 120_000 }, () => {
  const scratch = useCliScratch('concurrent');

  it('pushing the same folder twice at once creates each version once, and the audit chain verifies', async () => {
    const project = await copyExample(join(scratch.path, 'same'));
    const dataDir = join(scratch.path, 'db-same');

    const results = await Promise.all([
      spawnCli(['push', project, '--data-dir', dataDir], { cwd: scratch.path }),
      spawnCli(['push', project, '--data-dir', dataDir], { cwd: scratch.path }),
    ]);

    for (const result of results) {
      expect(result.stderr).not.toMatch(/error/);
      expect(result.code).toBe(0);
    }
    const summaries = results.map((result) => result.stdout.trim().split('\n').at(-1)).sort();
    expect(summaries).toEqual(['pushed 0 new versions; 12 unchanged', 'pushed 12 new versions; 0 unchanged']);
    const snapshot = await snapshotCatalog(dataDir);
    expect(snapshot.versions).toHaveLength(12);
    expect(snapshot.versions.every((line) => /#1 \S+ parent=-$/.test(line))).toBe(true);
    const verified = await cli(['audit', 'verify'], { cwd: scratch.path, dataDir });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('audit chain OK');
  });

  it('different edits of one prompt from two folders at once: one wins, the other is stale (exit 4)', async () => {
    const dataDir = join(scratch.path, 'db-two');
    const alice = await copyExample(join(scratch.path, 'alice'));
    const pushed = await cli(['push', alice], { cwd: scratch.path, dataDir });
    expect(pushed.code).toBe(0);
    // Bob's folder is a clone of the same files, synced once so its promptops.lock says v1.
    const bob = join(scratch.path, 'bob');
    await cp(alice, bob, { recursive: true });
    const synced = await cli(['push', bob], { cwd: scratch.path, dataDir });
    expect(synced.stdout).toContain('pushed 0 new versions; 12 unchanged');
    const sentence = 'Classify the customer message into exactly one of these categories:';
    await editFile(
      join(alice, 'prompts/support/classify-intent.yaml'),
      sentence,
      'Sort the message into one category:',
    );
    await editFile(
      join(bob, 'prompts/support/classify-intent.yaml'),
      sentence,
      'Put the message in one category:',
    );

    const [fromAlice, fromBob] = await Promise.all([
      spawnCli(['push', alice, '--data-dir', dataDir], { cwd: scratch.path }),
      spawnCli(['push', bob, '--data-dir', dataDir], { cwd: scratch.path }),
    ]);

    expect([fromAlice.code, fromBob.code].sort()).toEqual([0, 4]);
    const loser = fromAlice.code === 4 ? fromAlice : fromBob;
    expect(loser.stderr).toContain('stale');
    expect(loser.stderr).toContain('prompts/support/classify-intent.yaml');
    const classify = (await snapshotCatalog(dataDir)).versions.filter((line) =>
      line.startsWith('prompt:support/classify-intent#'),
    );
    expect(classify).toHaveLength(2);
    expect(classify[1]).toMatch(/#2 \S+ parent=1$/);
    const verified = await cli(['audit', 'verify'], { cwd: scratch.path, dataDir });
    expect(verified.code).toBe(0);
  });
});
