import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CatalogSnapshot, editFile, snapshotCatalog } from './cli-harness.ts';
import { useCliScratch } from './use-cli-scratch.ts';

/**
 * The everyday loop on the example catalog: push, push again, edit one sentence, see the diff and
 * the history, and preview the next change with --dry-run. The tests run in order on one catalog.
 */
describe('promptops push, diff, history on the example catalog', () => {
  const scratch = useCliScratch('push', { example: true });
  const { run } = scratch;
  const classifyFile = () => join(scratch.project, 'prompts/support/classify-intent.yaml');

  let afterFirstPush: CatalogSnapshot;

  it('push of the example catalog creates one version of each of its 12 artifacts', async () => {
    const result = await run('push', scratch.project);

    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('pushed 12 new versions; 0 unchanged');
    for (const name of ['support/classify-intent', 'support/persona', 'support/intent-examples']) {
      expect(result.stdout).toMatch(new RegExp(`create\\s+\\S+\\s+${name}\\s+v1`));
    }
    afterFirstPush = await snapshotCatalog(scratch.dataDir);
    expect(afterFirstPush.versions).toHaveLength(12);
    expect(afterFirstPush.versions.every((line) => line.includes('#1 '))).toBe(true);
  });

  it('a second push of the same files creates nothing', async () => {
    const result = await run('push', scratch.project);

    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('pushed 0 new versions; 12 unchanged');
    expect(await snapshotCatalog(scratch.dataDir)).toMatchObject({ versions: afterFirstPush.versions });
  });

  it('editing one sentence of one prompt creates exactly v2 of that prompt', async () => {
    await editFile(
      classifyFile(),
      'Classify the customer message into exactly one of these categories:',
      'Classify the message into exactly one of these categories:',
    );

    const result = await run('push', scratch.project, '-m', 'shorter wording');

    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/update\s+prompt\s+support\/classify-intent\s+v1 -> v2/);
    expect(result.stdout).toContain('pushed 1 new version; 11 unchanged');
    const after = await snapshotCatalog(scratch.dataDir);
    const added = after.versions.filter((line) => !afterFirstPush.versions.includes(line));
    expect(added).toEqual([expect.stringMatching(/^prompt:support\/classify-intent#2 \S+ parent=1$/)]);
    expect(after.versions).toEqual(expect.arrayContaining(afterFirstPush.versions));
  });

  it('diff 1 2 shows the changed field and the changed rendered line', async () => {
    const result = await run('diff', 'support/classify-intent', '1', '2');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('support/classify-intent: v1 → v2');
    const [fields = '', rendered = ''] = result.stdout.split(/\nrendered\b/);
    expect(fields).toContain('messages[0].content');
    expect(fields).toMatch(/^\s*- Classify the customer message into exactly one/m);
    expect(fields).toMatch(/^\s*\+ Classify the message into exactly one/m);
    // The rendered half shows the prompt as the model gets it: variables filled, fragments included.
    expect(rendered).toMatch(/^- Classify the customer message into exactly one/m);
    expect(rendered).toMatch(/^\+ Classify the message into exactly one/m);
    expect(rendered).not.toMatch(/^[-+] .*You are a customer intent classifier/m);
  });

  it('history lists v1 and v2 with their push messages', async () => {
    const result = await run('history', 'support/classify-intent');

    expect(result.code).toBe(0);
    const v2 = result.stdout.split('\n').find((line) => line.startsWith('v2 '));
    const v1 = result.stdout.split('\n').find((line) => line.startsWith('v1 '));
    expect(v2).toContain('shorter wording');
    expect(v2).toContain('local:tester');
    expect(v1).toContain(`push from ${basename(scratch.project)}`);
    expect(result.stdout.indexOf('v2 ')).toBeLessThan(result.stdout.indexOf('v1 '));
  });

  it('push --dry-run lists the next change and writes nothing', async () => {
    const before = await snapshotCatalog(scratch.dataDir);
    const lockBefore = await readFile(join(scratch.project, 'promptops.lock'), 'utf8');
    await editFile(
      join(scratch.project, 'prompts/support/gather-information.yaml'),
      'Write one short, friendly question per missing required field',
      'Write one short, polite question per missing required field',
    );

    const result = await run('push', scratch.project, '--dry-run');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/update\s+prompt\s+support\/gather-information\s+v1 -> v2/);
    expect(result.stdout).toContain('would push 1 new version; 11 unchanged (dry run: nothing written)');
    expect(await snapshotCatalog(scratch.dataDir)).toEqual(before);
    expect(await readFile(join(scratch.project, 'promptops.lock'), 'utf8')).toBe(lockBefore);
    const listed = await run('list', '--json');
    const gather = (JSON.parse(listed.stdout) as { name: string; headVersion: number }[]).find(
      (artifact) => artifact.name === 'support/gather-information',
    );
    expect(gather?.headVersion).toBe(1);
  });
});
