import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.ts';
import { useCliScratch } from './use-cli-scratch.ts';

const INIT_FILES = ['promptops.yaml', 'policies.yaml', 'prompts/hello/greet.yaml'];

/**
 * A new user's first minutes: `init`, then `push .` and `render` from inside the folder, with the
 * catalog in the folder's own `.promptops/db` (no data dir given). Tests run in order.
 */
describe('promptops init', () => {
  const scratch = useCliScratch('init');
  let folder: string;
  let token = '';
  let adminToken = '';
  const here = (...argv: string[]) => cli(argv, { cwd: folder, env: { PROMPTOPS_TOKEN: token } });

  beforeAll(async () => {
    folder = join(scratch.path, 'my-prompts');
    await mkdir(folder);
  });

  it('creates promptops.yaml, policies.yaml and prompts/hello/greet.yaml in an empty folder', async () => {
    const result = await here('init', '--admin', 'ada');

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const file of INIT_FILES) {
      expect(result.stdout).toContain(file);
      expect((await readFile(join(folder, file), 'utf8')).length).toBeGreaterThan(0);
    }
    expect(await readFile(join(folder, 'promptops.yaml'), 'utf8')).toContain('name: my-prompts');
    expect(result.stdout).toContain('promptops push .');
    // The first admin's token, shown once; only its hash is stored.
    adminToken = /export PROMPTOPS_TOKEN=(po_[\w-]{43})/.exec(result.stdout)?.[1] ?? '';
    expect(adminToken).not.toBe('');
    expect(result.stdout).toContain('created admin ada');
    // The sample prompt is written to the seed's principles: the linter has nothing to fix in it.
    const linted = await here('lint', '--severity', 'warning');
    expect(linted).toMatchObject({
      code: 0,
      stdout: '',
      stderr: 'linted 1 prompt: 0 errors, 0 warnings, 0 info\n',
    });
  });

  it('refuses to act without the token once the catalog has users, and with a wrong one', async () => {
    token = '';
    const anonymous = await here('list');
    expect(anonymous.code).toBe(6);
    expect(anonymous.stderr).toContain(
      'error [unauthenticated]: this catalog has users: set PROMPTOPS_TOKEN',
    );
    token = 'po_not-a-real-token';
    expect((await here('list')).stderr).toContain('the token is unknown, expired or revoked');
  });

  it('push . from inside the new folder works, and render greets Ada', async () => {
    token = adminToken;
    const pushed = await here('push', '.');
    expect(pushed.stderr).not.toMatch(/error/);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toMatch(/create\s+prompt\s+hello\/greet\s+v1/);
    expect(pushed.stdout).toContain('pushed 1 new version');

    const rendered = await here('render', 'hello/greet', '--var', 'customer_name=Ada');
    expect(rendered.stderr).toBe('');
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toMatch(/Greet Ada\b/);
    expect(rendered.stdout).toContain('Example Corp');
    expect(rendered.stdout).toMatch(/≈ \d+ tokens/);
    // The catalog lives in the project, where the generated .gitignore keeps it out of git.
    expect(await readFile(join(folder, '.gitignore'), 'utf8')).toContain('.promptops/');
    const listed = await here('list', '--json');
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((artifact) => artifact.name)).toEqual([
      'hello/greet',
    ]);
  });

  it('init again is a conflict (exit 4) and overwrites nothing', async () => {
    await writeFile(join(folder, 'prompts/hello/greet.yaml'), '# my own edits\n', { flag: 'a' });
    const before = await Promise.all(INIT_FILES.map((file) => readFile(join(folder, file), 'utf8')));

    const result = await here('init');

    expect(result.code).toBe(4);
    expect(result.stderr).toContain('promptops.yaml');
    expect(result.stderr).toContain('nothing was changed');
    expect(await Promise.all(INIT_FILES.map((file) => readFile(join(folder, file), 'utf8')))).toEqual(before);
  });
});
