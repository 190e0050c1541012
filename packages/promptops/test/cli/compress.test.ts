import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, editFile } from './cli-harness.ts';
import { useCliScratch } from './use-cli-scratch.ts';

const PROMPT = 'support/compressed-classify';
const PADDED_TEXT = [
  'text: |-',
  '  Please make sure to classify the ticket into: billing|technical|product|returns|general',
  '  It is important that you answer with one word in order to route the ticket.',
  '  <ticket>{{ ticket }}</ticket>',
  '  Category:',
].join('\n');
const ORIGINAL_TEXT = [
  'text: |-',
  '  Classify ticket into: billing|technical|product|returns|general',
  '  <ticket>{{ ticket }}</ticket>',
  '  Category:',
].join('\n');

/**
 * The classifier answers by the ticket, whatever the wording — except the wording the compressing
 * model proposes ("Ticket class"), which it answers "general" to every time: that candidate is
 * shorter and worse, and the suite must say so.
 */
const SCRIPT = `
rules:
  - match: { system: "You shorten the wording of prompt templates" }
    reply:
      json:
        fields:
          text: "Ticket class (billing|technical|product|returns|general):\\n<ticket>{{ ticket }}</ticket>\\nCategory:"
  - match: { lastUserMessage: "Ticket class" }
    reply: general
  - match: { lastUserMessage: "charged" }
    reply: billing
  - match: { lastUserMessage: "crash" }
    reply: technical
  - match: { lastUserMessage: "send back" }
    reply: returns
`;

const SUITE = `
description: The compressed classifier's categories.
target: { prompt: ${PROMPT} }
kind: unit
cases:
${[
  ['charged-1', 'I was charged twice.', 'billing'],
  ['charged-2', 'You charged me a fee.', 'billing'],
  ['charged-3', 'Why was I charged again?', 'billing'],
  ['crash-1', 'The app crashes on start.', 'technical'],
  ['crash-2', 'It keeps crashing when I pay.', 'technical'],
  ['return-1', 'I want to send back the jacket.', 'returns'],
]
  .map(
    ([id, ticket, category]) =>
      `  - { id: ${id}, variables: { ticket: "${ticket}" }, assert: [{ type: equals, value: ${category} }] }`,
  )
  .join('\n')}
`;

/** `promptops compress` (issue 10, item 3): shorter wording, tokens saved, and the proof. */
describe('promptops compress', () => {
  const scratch = useCliScratch('compress', {
    push: true,
    beforePush: async (project) => {
      const file = join(project, 'prompts', 'support', 'compressed-classify.yaml');
      await editFile(file, ORIGINAL_TEXT, PADDED_TEXT);
      await writeFile(join(project, 'evals', 'support', 'compressed.yaml'), SUITE);
      await writeFile(join(project, 'script.yaml'), SCRIPT);
    },
  });
  const run = (...argv: string[]) => cli(argv, { cwd: scratch.project, dataDir: scratch.dataDir });
  const history = async () => JSON.parse((await run('history', PROMPT, '--json')).stdout);

  beforeAll(async () => {
    expect((await run('list')).code).toBe(0);
  });

  it('proposes the rules’ wording with its tokens, and calls it unproven without --save', async () => {
    const before = await history();
    const result = await run('compress', PROMPT, '--scripted-model', 'script.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  text  [make-sure-filler, importance-filler, in-order-to]');
    expect(result.stdout).toContain(
      '    - Please make sure to classify the ticket into: billing|technical|product|returns|general',
    );
    expect(result.stdout).toContain(
      '    + Classify the ticket into: billing|technical|product|returns|general',
    );
    expect(result.stdout).toContain('    + Answer with one word to route the ticket.');
    // Variables and delimiters are untouched.
    expect(result.stdout).toContain('      <ticket>{{ ticket }}</ticket>');
    expect(result.stdout).toMatch(/total \(all fields\)\s+(\d+)\s+(\d+)\s+(\d+)/);
    expect(result.stdout).toMatch(/one request, rendered\*\s+(\d+)\s+(\d+)\s+(\d+)/);
    expect(result.stdout).toMatch(
      /verdict: unproven: \d+ template tokens saved \(\d+\.\d%\); suites not run: .*--save.*support\/compressed/,
    );
    // Nothing stored.
    expect(await history()).toEqual(before);
  });

  it('--json gives the token figures, the rewritten content and the rules per field', async () => {
    const result = await run('compress', PROMPT, '--json', '--scripted-model', 'script.yaml');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.tokens.saved).toBe(report.tokens.before - report.tokens.after);
    expect(report.tokens.saved).toBeGreaterThan(5);
    // One request as the model gets it (placeholder ticket, framing counted) is shorter too.
    expect(report.tokens.rendered.before).toBeGreaterThan(report.tokens.before);
    expect(report.tokens.rendered.before - report.tokens.rendered.after).toBeGreaterThan(5);
    expect(report.fields).toHaveLength(1);
    expect(report.content.text).toBe(
      'Classify the ticket into: billing|technical|product|returns|general\n' +
        'Answer with one word to route the ticket.\n<ticket>{{ ticket }}</ticket>\nCategory:',
    );
    expect(report.verdict.decision).toBe('unproven');
  });

  it('with --save stores the candidate, runs the suite on both and accepts a saving with no regression', async () => {
    const result = await run('compress', PROMPT, '--save', '--scripted-model', 'script.yaml', '--no-cache');
    expect(result.stderr).toContain('replies are scripted');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('evaluation: v1 (A) against the candidate, v2 (B), stored by --save');
    expect(result.stdout).toContain('pass rate  100.0% → 100.0%');
    expect(result.stdout).toMatch(
      /verdict: accept: \d+ template tokens saved .* with no regression on 1 suite/,
    );
    const versions = await history();
    expect(JSON.stringify(versions)).toContain('compress: shorter wording of v1');
  });

  it('rejects a model’s wording that is shorter but significantly worse (McNemar)', async () => {
    const result = await run(
      'compress',
      PROMPT,
      '--version',
      '1',
      '--model',
      'openai/gpt-4o-mini',
      '--save',
      '--json',
      '--scripted-model',
      'script.yaml',
      '--no-cache',
    );
    expect(result.stderr).toContain(
      'asking openai/gpt-4o-mini for a shorter wording of support/compressed-classify v1',
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.fields[0].rules).toContain('model');
    expect(report.content.text).toContain('Ticket class');
    const [suite] = report.evaluation.suites;
    expect(suite.comparison.passRate).toMatchObject({ a: 1, b: 0, significant: true });
    expect(suite.comparison.regressions).toHaveLength(6);
    expect(report.verdict.decision).toBe('reject');
  });

  it('refuses a model’s wording that drops a variable, and keeps the rules’ wording', async () => {
    await writeFile(
      join(scratch.project, 'broken-script.yaml'),
      SCRIPT.replace('<ticket>{{ ticket }}</ticket>', '<ticket>the ticket</ticket>'),
    );
    const result = await run(
      'compress',
      PROMPT,
      '--version',
      '1',
      '--model',
      'openai/gpt-4o-mini',
      '--json',
      '--scripted-model',
      'broken-script.yaml',
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.rejected).toEqual([
      { field: 'text', source: 'model', reason: 'variables changed: ticket → none' },
    ]);
    expect(report.content.text).toContain('<ticket>{{ ticket }}</ticket>');
    expect(report.fields[0].rules).not.toContain('model');
  });

  it('--apply-to writes the shorter text into the prompt file, keeping the rest of the file', async () => {
    const file = join(scratch.project, 'prompts', 'support', 'compressed-classify.yaml');
    const before = await readFile(file, 'utf8');
    const result = await run(
      'compress',
      PROMPT,
      '--version',
      '1',
      '--apply-to',
      file,
      '--scripted-model',
      'script.yaml',
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'wrote the shorter wording into prompts/support/compressed-classify.yaml',
    );
    const after = await readFile(file, 'utf8');
    expect(after).toBe(
      before.replace(
        PADDED_TEXT,
        [
          'text: |-',
          '  Classify the ticket into: billing|technical|product|returns|general',
          '  Answer with one word to route the ticket.',
          '  <ticket>{{ ticket }}</ticket>',
          '  Category:',
        ].join('\n'),
      ),
    );
    // Run again: the file no longer holds the text of v1, so nothing is written.
    const again = await run(
      'compress',
      PROMPT,
      '--version',
      '1',
      '--apply-to',
      file,
      '--scripted-model',
      'script.yaml',
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('text in the file is not the text that was compressed; nothing written');
    expect(await readFile(file, 'utf8')).toBe(after);
  });

  // Last: once users exist, the CLI acts for a token's owner, no longer as the local owner.
  it('--save needs the author role: a viewer sees the wording but stores nothing', async () => {
    const admin = JSON.parse((await run('users', 'create', 'admin', '--json')).stdout).token as string;
    const as = (token: string, ...argv: string[]) =>
      cli(argv, { cwd: scratch.project, dataDir: scratch.dataDir, env: { PROMPTOPS_TOKEN: token } });
    expect((await as(admin, 'users', 'create', 'viv', '--role', 'viewer')).code).toBe(0);
    const viewer = JSON.parse((await as(admin, 'tokens', 'create', 'cli', '--user', 'viv', '--json')).stdout)
      .token as string;
    const before = JSON.parse((await as(admin, 'history', PROMPT, '--json')).stdout);
    const looked = await as(viewer, 'compress', PROMPT, '--version', '1', '--scripted-model', 'script.yaml');
    expect(looked.code).toBe(0);
    expect(looked.stdout).toContain('verdict: unproven');
    const saved = await as(
      viewer,
      'compress',
      PROMPT,
      '--version',
      '1',
      '--save',
      '--scripted-model',
      'script.yaml',
    );
    expect(saved.code).not.toBe(0);
    expect(saved.stderr).toMatch(/forbidden|may not/);
    expect(JSON.parse((await as(admin, 'history', PROMPT, '--json')).stdout)).toEqual(before);
  });
});
