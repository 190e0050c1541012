import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliScratch } from './use-cli-scratch.ts';

const CENTRAL_TONE = 'Tone: clear, calm and respectful';
const SUPPORT_TONE = 'Tone: warm and reassuring';
const SAFETY = 'contact local emergency services first';
const RESOLVED =
  'shared/safety-and-tone v1 (overridden for support/ by support/overrides/shared/safety-and-tone v1)';
const OVERRIDE_FILE = 'fragments/support/overrides/shared/safety-and-tone.liquid';

/**
 * Central and local fragments on the example catalog (docs/governance.md): support/assistant
 * renders the platform team's shared/safety-and-tone with the support folder's tone. Tests run in order.
 */
describe('promptops render, show and diff of a prompt whose team overrides a central fragment', () => {
  const { run } = useCliScratch('overrides', { push: true });

  it('render uses the support override for tone, keeps the locked safety text, and says which fragments it used', async () => {
    const result = await run(
      'render',
      'support/assistant',
      '--var',
      'customer_message=My kettle smells of smoke',
    );

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(SUPPORT_TONE);
    expect(result.stdout).not.toContain(CENTRAL_TONE);
    expect(result.stdout).toContain(SAFETY);
    expect(result.stdout).toContain(`fragments: support/persona v1, support/policies v1, ${RESOLVED}`);
  });

  it('show prints the resolution on the prompt page', async () => {
    const result = await run('show', 'support/assistant');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`\nfragments ${'support/persona v1, support/policies v1'}, ${RESOLVED}`);
    const json = JSON.parse((await run('show', 'support/assistant', '--json')).stdout);
    expect(json.fragments).toContainEqual({
      name: 'shared/safety-and-tone',
      version: 1,
      overriddenBy: { name: 'support/overrides/shared/safety-and-tone', version: 1 },
    });
  });

  it('an environment the override is not labelled into gets the central fragment, and diff shows the difference', async () => {
    for (const [name, environment] of [
      ['support/assistant', 'production'],
      ['support/persona', 'production'],
      ['support/policies', 'production'],
      ['support/output-format', 'production'],
      ['shared/safety-and-tone', 'production'],
      ['support/assistant', 'staging'],
      ['support/persona', 'staging'],
      ['support/policies', 'staging'],
      ['support/output-format', 'staging'],
      ['shared/safety-and-tone', 'staging'],
      ['support/overrides/shared/safety-and-tone', 'staging'],
    ]) {
      expect((await run('label', name!, '1', environment!)).code).toBe(0);
    }

    const production = await run('render', 'support/assistant@production', '--var', 'customer_message=hi');
    expect(production.code).toBe(0);
    expect(production.stdout).toContain(CENTRAL_TONE);
    expect(production.stdout).toContain('shared/safety-and-tone v1, support/output-format v1\n');

    const diff = await run('diff', 'support/assistant', 'production', 'staging');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('fragments resolve differently:');
    expect(diff.stdout).toContain(
      `  + support/persona v1, support/policies v1, ${RESOLVED}, support/output-format v1\n`,
    );
    expect(diff.stdout).toMatch(new RegExp(`^- .*${CENTRAL_TONE}`, 'm'));
    expect(diff.stdout).toMatch(new RegExp(`^\\+ .*${SUPPORT_TONE}`, 'm'));
  });
});

describe('promptops push of overrides that break the rules', () => {
  const scratch = useCliScratch('overrides-bad', { example: true });
  const { run } = scratch;
  const file = (path: string) => join(scratch.project, path);

  it('an override that redefines a locked block fails the push naming the file, line and block', async () => {
    const original = await readFile(file(OVERRIDE_FILE), 'utf8');
    await writeFile(
      file(OVERRIDE_FILE),
      `${original}{% block safety %}Safety is someone else's job.{% endblock %}\n`,
    );

    const result = await run('push', scratch.project);

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('nothing was pushed');
    expect(result.stderr).toContain(`${OVERRIDE_FILE}:10`);
    expect(result.stderr).toContain("block 'safety' of shared/safety-and-tone is locked");
    await writeFile(file(OVERRIDE_FILE), original);
  });

  it('an override of a central fragment without a rule fails the push naming the file', async () => {
    const policies = await readFile(file('policies.yaml'), 'utf8');
    await writeFile(file('policies.yaml'), policies.replace(/\noverrides:\n( {2}.*\n| {4}.*\n)+/, '\n'));

    const result = await run('push', scratch.project);

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(OVERRIDE_FILE);
    expect(result.stderr).toContain('shared/safety-and-tone has no rule under overrides: in policies.yaml');
  });

  it('without the override file, the rule alone pushes and support prompts use the central fragment', async () => {
    await rm(file(OVERRIDE_FILE));
    const pushed = await run('push', scratch.project);
    expect(pushed.stderr).toBe('');
    expect(pushed.code).toBe(0);

    const result = await run('render', 'support/assistant', '--var', 'customer_message=hi');
    expect(result.stdout).toContain(CENTRAL_TONE);
    expect(result.stdout).toContain('shared/safety-and-tone v1, support/output-format v1\n');
  });
});
