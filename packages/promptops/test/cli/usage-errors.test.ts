import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, makeScratch } from './cli-harness.ts';

/** Mistakes on the command line: exit 2 with the usage, and `--json` errors as one JSON envelope. */
describe('promptops usage errors', () => {
  let scratch: Awaited<ReturnType<typeof makeScratch>>;
  let dataDir: string;
  const run = (...argv: string[]) => cli(argv, { cwd: scratch.path, dataDir });

  beforeAll(async () => {
    scratch = await makeScratch('usage');
    dataDir = join(scratch.path, 'db');
  });
  afterAll(async () => {
    await scratch.remove();
  });

  it('an unknown command exits 2 and points to help', async () => {
    const result = await run('frobnicate');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
    expect(result.stderr).toContain('promptops help');
  });

  it('no command at all prints the help and exits 2; help exits 0', async () => {
    const bare = await run();
    expect(bare.code).toBe(2);
    expect(bare.stdout).toMatch(/^usage: promptops <command>/m);

    const help = await run('help');
    expect(help.code).toBe(0);
    for (const command of ['push', 'render', 'label', 'audit'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('label with a missing argument exits 2, naming it and showing the usage line', async () => {
    const result = await run('label', 'support/classify-intent', '1');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing ENVIRONMENT');
    expect(result.stderr).toContain('usage: promptops label NAME VERSION ENVIRONMENT');
  });

  it('an unknown option exits 2 with the usage line', async () => {
    const result = await run('push', '.', '--dryrun');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--dryrun');
    expect(result.stderr).toContain('usage: promptops push DIR');
  });

  it('with --json, errors come as {"error":{"code",...}} on stdout and nothing on stderr', async () => {
    const unknown = await run('frobnicate', '--json');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('');
    expect(JSON.parse(unknown.stdout)).toEqual({
      error: expect.objectContaining({
        code: 'invalid_argument',
        message: expect.stringContaining('frobnicate'),
      }),
    });

    const missing = await run('label', 'support/classify-intent', '--json');
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'invalid_argument' } });
    // Not-found errors in JSON are checked where a catalog is open: bad-input.test.ts.
  });
});
