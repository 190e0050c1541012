import { describe, expect, it } from 'vitest';
import { expectJsonError } from './expect-json-error.ts';
import { useCliScratch } from './use-cli-scratch.ts';

/** Mistakes on the command line: exit 2 with the usage, and `--json` errors as one JSON envelope. */
describe('promptops usage errors', () => {
  const { run } = useCliScratch('usage');

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
    expectJsonError(await run('frobnicate', '--json'), 2, 'invalid_argument', 'frobnicate');

    const missing = await run('label', 'support/classify-intent', '--json');
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'invalid_argument' } });
    // Not-found errors in JSON are checked where a catalog is open: bad-input.test.ts.
  });
});
