import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, editFile } from './cli-harness.ts';
import { useCliScratch } from './use-cli-scratch.ts';

const NAME = 'support/echo';

/** Every live run of it is sampled, so it keeps its redacted input for a replay. */
const PROMPT = `description: Answers a question in one line; every live run is sampled.
owner: platform
risk: low
classification: internal
variables:
  type: object
  required: [question]
  properties:
    question: { type: string }
messages:
  - role: user
    content: "{{ question }}"
model:
  id: openai/gpt-4o-mini
  params: { max_tokens: 50 }
sampling:
  rate: 1
`;

const SCRIPT = `
rules:
  - match: { lastUserMessage: "Refuse:" }
    reply: { json: { refused: true } }
  - match: {}
    reply: Sure, here is an answer.
`;

describe('promptops sandbox replay: live runs through the draft in the project file', () => {
  const scratch = useCliScratch('sandbox', {
    push: true,
    beforePush: async (project) => {
      await writeFile(join(project, 'prompts', 'support', 'echo.yaml'), PROMPT);
      await writeFile(join(project, 'script.yaml'), SCRIPT);
    },
  });
  const inProject = (...argv: string[]) => cli(argv, { cwd: scratch.project, dataDir: scratch.dataDir });

  it('prints the changed pairs and the summary; --json has every pair; the file is the draft by default', async () => {
    expect((await inProject('label', NAME, '1', 'production', '--reason', 'test')).code).toBe(0);
    for (const question of ['one', 'two', 'three']) {
      const ran = await inProject(
        'run',
        `${NAME}@production`,
        '--var',
        `question=${question}`,
        '--scripted-model',
        'script.yaml',
      );
      expect(ran.code, ran.stderr).toBe(0);
    }
    // The author edits the file: the draft now asks the model to refuse, and wants JSON back.
    await editFile(
      join(scratch.project, 'prompts', 'support', 'echo.yaml'),
      '    content: "{{ question }}"\n',
      '    content: "Refuse: {{ question }}"\n',
    );
    const replayed = await inProject(
      'sandbox',
      'replay',
      NAME,
      '--environment',
      'production',
      '--limit',
      '10',
      '--scripted-model',
      'script.yaml',
    );
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stdout).toContain('support/echo: 3 production run(s) replayed through the draft');
    expect(replayed.stdout).toMatch(/RUN\s+LIVE\s+DRAFT\s+LIVE OUTPUT\s+DRAFT OUTPUT/);
    expect(replayed.stdout).toMatch(/ok\s+ok\s+Sure, here is an answer\.\s+\{"refused":true\}/);
    expect(replayed.stdout).toContain('changed        3 of 3');
    expect(replayed.stdout).toMatch(/tokens in\s+\d+\.\d → \d+\.\d \(mean\)/);
    expect(replayed.stdout).toMatch(/latency p50\s+\d+ ms → \d+ ms/);

    const json = await inProject(
      'sandbox',
      'replay',
      NAME,
      '--version',
      '1',
      '--environment',
      'production',
      '--scripted-model',
      'script.yaml',
      '--json',
    );
    expect(json.code, json.stderr).toBe(0);
    const replay = JSON.parse(json.stdout);
    expect(replay).toMatchObject({
      prompt: NAME,
      version: 1,
      environment: 'production',
      actor: expect.any(String),
    });
    // Only the three live runs: the first replay's draft runs are the sandbox's, never replayed again.
    expect(replay.items).toHaveLength(3);
    expect(replay.summary).toMatchObject({ replayed: 3, changed: 0, skipped: 0 });
  });

  it('names the option at fault', async () => {
    const noEnvironment = await inProject('sandbox', 'replay', NAME, '--json');
    expect(noEnvironment.code).toBe(2);
    expect(JSON.parse(noEnvironment.stdout || noEnvironment.stderr).error).toMatchObject({
      code: 'invalid_argument',
      details: { parameter: 'environment' },
    });
    const tooMany = await inProject(
      'sandbox',
      'replay',
      NAME,
      '--environment',
      'production',
      '--limit',
      '500',
      '--json',
    );
    expect(JSON.parse(tooMany.stdout || tooMany.stderr).error).toMatchObject({
      details: { parameter: 'limit' },
    });
  });
});
