import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createCatalog } from '../../src/catalog/service/catalog.ts';
import { openDatabase } from '../../src/store/index.ts';
import { type CatalogSnapshot, type CliResult, editFile, snapshotCatalog } from './cli-harness.ts';
import { expectJsonError } from './expect-json-error.ts';
import { useCliScratch } from './use-cli-scratch.ts';

/** A small prompt with an integer variable, for the wrong-type case. */
const COUNT_PROMPT = `description: Suggests a number of ideas.
owner: qa
risk: low
task: generation
variables:
  type: object
  additionalProperties: false
  required: [count]
  properties:
    count: { type: integer, minimum: 1 }
messages:
  - role: user
    content: Suggest {{ count }} ideas for a support newsletter.
model:
  route: generation
`;

/** Edits a project file for one test and puts it back afterwards. */
async function editForTest(path: string, before: string, after: string): Promise<void> {
  const original = await readFile(path, 'utf8');
  onTestFinished(() => writeFile(path, original));
  await editFile(path, before, after);
}

/** Adds a file for one test and deletes it afterwards. */
async function addForTest(path: string, text: string): Promise<void> {
  onTestFinished(() => rm(path, { force: true }));
  await writeFile(path, text);
}

/**
 * Every mistake is answered with a message that says where (file, line, field) and what, and leaves
 * the catalog and the project's lock file exactly as they were.
 */
describe('promptops answers bad input clearly and changes nothing', () => {
  const scratch = useCliScratch('bad-input', {
    push: true,
    beforePush: (project) => writeFile(join(project, 'prompts/support/count-ideas.yaml'), COUNT_PROMPT),
  });
  const { run } = scratch;
  let baseline: CatalogSnapshot;
  let lockBaseline: string;
  const file = (relative: string) => join(scratch.project, relative);

  beforeAll(async () => {
    baseline = await snapshotCatalog(scratch.dataDir);
    lockBaseline = await readFile(file('promptops.lock'), 'utf8');
  });

  async function expectNothingChanged(): Promise<void> {
    expect(await snapshotCatalog(scratch.dataDir)).toEqual(baseline);
    expect(await readFile(file('promptops.lock'), 'utf8')).toBe(lockBaseline);
  }

  /** Pushes the project, expecting it refused as bad input (exit 5). */
  async function refusedPush(): Promise<CliResult> {
    const result = await run('push', scratch.project);
    expect(result.code).toBe(5);
    return result;
  }

  /** Adds two fragments for one test that render each other. */
  async function addFragmentCycle(): Promise<void> {
    const fragment = (description: string, body: string) =>
      `---\ndescription: ${description}\n---\n${body}\n`;
    await addForTest(
      file('fragments/support/cycle-a.liquid'),
      fragment('a', "A {% render 'support/cycle-b' %}"),
    );
    await addForTest(
      file('fragments/support/cycle-b.liquid'),
      fragment('b', "B {% render 'support/cycle-a' %}"),
    );
  }

  it('malformed YAML: names the file and the line', async () => {
    await editForTest(file('prompts/support/classify-intent.yaml'), 'risk: medium\n', 'risk: medium: high\n');

    const result = await refusedPush();

    expect(result.stderr).toContain('prompts/support/classify-intent.yaml:7');
    expect(result.stdout).toBe('');
    await expectNothingChanged();
  });

  it('a file error names its place once, not twice', async () => {
    await editForTest(file('prompts/support/classify-intent.yaml'), 'risk: medium\n', 'risk: medium: high\n');

    const result = await refusedPush();

    const firstLine = result.stderr.split('\n')[0] ?? '';
    expect(firstLine.split('prompts/support/classify-intent.yaml:7').length - 1).toBe(1);
  });

  it('several problems in one file are each listed once', async () => {
    const path = file('prompts/support/classify-intent.yaml');
    await editForTest(path, '    temperature: 0\n', '    temprature: 0\n');
    await editFile(path, '    max_tokens: 200\n', '    max_token: 200\n');

    const result = await refusedPush();

    expect(result.stderr).toContain('2 problems in prompts/support/classify-intent.yaml');
    expect(result.stderr.split('unknown key "temprature"').length - 1).toBe(1);
    expect(result.stderr.split('unknown key "max_token"').length - 1).toBe(1);
    await expectNothingChanged();
  });

  it('unknown key temprature under model.params: names file:line and field, suggests temperature', async () => {
    await editForTest(
      file('prompts/support/classify-intent.yaml'),
      '    temperature: 0\n',
      '    temprature: 0\n',
    );

    const result = await refusedPush();

    expect(result.stderr).toContain('prompts/support/classify-intent.yaml:71');
    expect(result.stderr).toContain('model.params.temprature');
    expect(result.stderr).toContain('did you mean "temperature"');
    await expectNothingChanged();
  });

  it('render without a required variable names it (exit 5)', async () => {
    const result = await run('render', 'support/classify-intent');

    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('customer_message');
    expect(result.stderr).toMatch(/required/);
    await expectNothingChanged();
  });

  it('--var with the wrong type for an integer variable names the variable and the type (exit 5)', async () => {
    const result = await run('render', 'support/count-ideas', '--var', 'count=abc');

    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('count');
    expect(result.stderr).toContain('integer');
    expect(result.stderr).toContain('abc');
    const good = await run('render', 'support/count-ideas', '--var', 'count=3');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('Suggest 3 ideas');
    await expectNothingChanged();
  });

  it('an undefined variable in a template fails the push naming the variable, the file and a line', async () => {
    await editForTest(
      file('prompts/support/assistant.yaml'),
      "The customer's first name is {{ customer_name }}.",
      "The customer's first name is {{ customer_nam }}.",
    );

    const result = await refusedPush();

    expect(result.stderr).toContain("'customer_nam'");
    expect(result.stderr).toMatch(/prompts\/support\/assistant\.yaml:\d+/);
    expect(result.stderr).toContain('nothing was pushed');
    await expectNothingChanged();
  });

  it('an unknown prompt is not found (exit 3) for show and render', async () => {
    const shown = await run('show', 'support/nope');
    expect(shown.code).toBe(3);
    expect(shown.stderr).toContain('support/nope');

    const rendered = await run('render', 'support/nope');
    expect(rendered.code).toBe(3);
    expect(rendered.stderr).toContain('support/nope');

    expectJsonError(await run('show', 'support/nope', '--json'), 3, 'prompt_not_found', 'support/nope');
    await expectNothingChanged();
  });

  it('a fragment cycle reached from a prompt fails the push with the chain', async () => {
    await addFragmentCycle();
    await editForTest(
      file('prompts/support/count-ideas.yaml'),
      'model:\n',
      'system:\n  role: "{% render \'support/cycle-a\' %}"\nmodel:\n',
    );

    const result = await refusedPush();

    expect(result.stderr).toMatch(/support\/cycle-a → support\/cycle-b → support\/cycle-a/);
    expect(result.stderr).toContain('prompts/support/count-ideas.yaml');
    await expectNothingChanged();
  });

  // Last: while the bug it shows is open, this push succeeds and changes the catalog.
  it('a fragment cycle (a renders b, b renders a) fails the push with the chain', async () => {
    await addFragmentCycle();

    const result = await refusedPush();

    expect(result.stderr).toMatch(/support\/cycle-(a|b) → support\/cycle-(a|b) → support\/cycle-\1/);
    expect(result.stderr).toMatch(/fragments\/support\/cycle-(a|b)\.liquid/);
    await expectNothingChanged();
  });
});

/**
 * Someone else changed the prompt after this folder was pushed: pushing the folder's older edit
 * must not overwrite theirs.
 */
describe('promptops push of a stale file', () => {
  const scratch = useCliScratch('stale', { push: true });
  const { run } = scratch;

  it('is refused (exit 4) naming the file as stale, and nothing is written', async () => {
    // A colleague saves v2 through the library (as the web UI will), based on the current head.
    const handle = await openDatabase({ dataDir: scratch.dataDir });
    try {
      const catalog = createCatalog({ db: handle.db });
      const head = await catalog.resolve('prompt', 'support/classify-intent', { latest: true });
      const content = head.content as { description: string };
      const saved = await catalog.saveVersion(
        { actor: 'user:colleague' },
        {
          kind: 'prompt',
          name: 'support/classify-intent',
          content: { ...content, description: `${content.description} Reviewed by legal.` },
          parentVersion: head.version,
          message: 'edited in the web UI',
        },
      );
      expect(saved.version).toBe(2);
    } finally {
      await handle.close();
    }
    await editFile(
      join(scratch.project, 'prompts/support/classify-intent.yaml'),
      'Classify the customer message into exactly one of these categories:',
      'Classify the message into exactly one of these categories:',
    );
    const before = await snapshotCatalog(scratch.dataDir);
    const lockBefore = await readFile(join(scratch.project, 'promptops.lock'), 'utf8');

    const result = await run('push', scratch.project);

    expect(result.code).toBe(4);
    expect(result.stderr).toContain('stale');
    expect(result.stderr).toContain('prompts/support/classify-intent.yaml');
    expect(result.stderr).toMatch(/v1\b.*v2\b/);
    expect(result.stderr).toContain('--force');
    expect(await snapshotCatalog(scratch.dataDir)).toEqual(before);
    expect(await readFile(join(scratch.project, 'promptops.lock'), 'utf8')).toBe(lockBefore);
  });

  it('--force pushes the edit as v3 on top of the colleague’s v2', async () => {
    const result = await run('push', scratch.project, '--force', '-m', 'overwrite knowingly');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/update\s+prompt\s+support\/classify-intent\s+v2 -> v3/);
    const history = await run('history', 'support/classify-intent');
    expect(history.stdout).toMatch(/^v3 .*overwrite knowingly/m);
    expect(history.stdout).toMatch(/^v2 .*user:colleague .*edited in the web UI/m);
  });
});
