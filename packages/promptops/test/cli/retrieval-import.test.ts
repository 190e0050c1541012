import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.ts';
import { useCliScratch } from './use-cli-scratch.ts';

describe('promptops retrieval import and search (postgres-fts sources)', () => {
  const scratch = useCliScratch('promptops-retrieval-', {
    push: true,
    beforePush: async (project) => {
      await appendFile(
        join(project, 'promptops.yaml'),
        '    handbook:\n      kind: postgres-fts\n      classification: internal\n',
      );
    },
  });
  const run = (...argv: string[]) => cli(argv, { cwd: scratch.project, dataDir: scratch.dataDir });

  it('loads a folder, reports what changed on a second import, and finds documents by full-text search', async () => {
    const folder = join(scratch.path, 'handbook');
    await mkdir(join(folder, 'billing'), { recursive: true });
    await writeFile(join(folder, 'holidays.md'), '# Holidays\n\nStaff take 25 days of annual leave.\n');
    await writeFile(
      join(folder, 'billing', 'invoices.txt'),
      'Invoices are sent on the first business day.\n',
    );
    const first = await run('retrieval', 'import', 'handbook', folder, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      source: 'handbook',
      added: 2,
      changed: 0,
      unchanged: 0,
      removed: 0,
    });

    await writeFile(join(folder, 'holidays.md'), '# Holidays\n\nStaff take 28 days of annual leave.\n');
    const second = await run('retrieval', 'import', 'handbook', folder);
    expect(second.stdout).toBe('handbook: 0 added, 1 changed, 1 unchanged, 0 removed\n');

    const found = await run('retrieval', 'search', 'handbook', 'how many days of leave', '--json');
    expect(found.code).toBe(0);
    // Any word may match ("days" is in the invoices' "business day" too); the best match comes first.
    expect(JSON.parse(found.stdout)[0]).toEqual({
      id: 'handbook:holidays',
      title: 'Holidays',
      version: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    const nested = await run('retrieval', 'search', 'handbook', 'invoice', '--json');
    expect(JSON.parse(nested.stdout)).toEqual([expect.objectContaining({ id: 'handbook:billing/invoices' })]);
  });

  it('refuses a source that is not configured, and searches the files source push loaded', async () => {
    const unknown = await run('retrieval', 'import', 'wiki', scratch.path);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no retrieval source "wiki" in promptops.yaml retrieval.sources');
    // The example's policy knowledge base is a files source: push loads it, not import.
    const searched = await run('retrieval', 'search', 'policy-kb', 'return within 30 days', '--json');
    expect(JSON.parse(searched.stdout)[0]).toMatchObject({ id: 'policy-kb:returns' });
  });
});
