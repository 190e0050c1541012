import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, editFile, spawnCli } from './cli-harness.ts';
import { expectJsonError } from './expect-json-error.ts';
import { useCliScratch } from './use-cli-scratch.ts';

/**
 * A scripted model of our own, so these tests do not move when the demo's script does. The
 * assistant offers to start a return, or praises a competitor when one is named (its output guard
 * stops that); the judge passes any output it can see and answers in prose for an empty one.
 */
const SCRIPT = `
rules:
  - match: { lastUserMessage: "<output>\\n\\n</output>" }
    reply: There is no output here to grade.
  - match: { lastUserMessage: You are grading the output of an AI system }
    reply: { json: { pass: true, score: 0.9, reason: Polite and about Acme only. } }
  - match: { lastUserMessage: Globex }
    reply: Honestly, the Globex kettle is great too.
  - match: {}
    reply: I can help you start a return within 30 days of delivery. What is the email address on your account?
`;

const ASSISTANT = 'support/assistant';

describe('promptops samples: sampled live runs, scored apart and rated by people', () => {
  const scratch = useCliScratch('samples', {
    push: true,
    beforePush: async (project) => {
      // Every live run of the assistant sampled, instead of 1 in 100.
      await editFile(join(project, 'prompts', 'support', 'assistant.yaml'), '  rate: 0.01\n', '  rate: 1\n');
      await writeFile(join(project, 'script.yaml'), SCRIPT);
    },
  });
  const inProject = (...argv: string[]) => cli(argv, { cwd: scratch.project, dataDir: scratch.dataDir });
  const listed = async (...argv: string[]) => {
    const result = await inProject('samples', 'list', ...argv, '--json');
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as {
      id: number;
      input: string;
      output: string;
      pass: boolean | null;
      judge: unknown;
      scoring: { status: string };
      rating: { rating: string; by: string; comment: string | null } | null;
    }[];
  };

  it('queues the runs it samples; another process scores them; the queue shows them for review', async () => {
    const returned = await inProject(
      'run',
      ASSISTANT,
      '--var',
      'customer_message=I would like to return my kettle, mail me at jane.doe@example.com',
      '--scripted-model',
      'script.yaml',
    );
    expect(returned.code).toBe(0);
    const competitor = await inProject(
      'run',
      ASSISTANT,
      '--var',
      'customer_message=Is the Globex kettle better than yours?',
      '--scripted-model',
      'script.yaml',
    );
    expect(competitor.stderr).toMatch(/status (blocked|escalated)/);

    const queued = await listed();
    expect(queued.map((sample) => sample.scoring.status)).toEqual(['pending', 'pending']);
    // The queue holds the redacted input, never the raw address.
    expect(queued[1]!.input).toContain('[EMAIL]');
    expect(JSON.stringify(queued)).not.toContain('jane.doe@example.com');

    // A separate process (as cron or a server would) scores what this one queued.
    const scored = await spawnCli(
      ['samples', 'score', '--scripted-model', 'script.yaml', '--data-dir', scratch.dataDir],
      { cwd: scratch.project },
    );
    expect(scored.stdout).toContain('2 sample(s) scored now: 2 scored, 0 to retry, 0 given up');
    expect(scored.code).toBe(0);

    const [blocked, helped] = await listed(ASSISTANT, '--version', '1', '--unrated');
    expect(helped).toMatchObject({
      pass: true,
      judge: { pass: true, score: 0.9 },
      scoring: { status: 'scored' },
      rating: null,
    });
    // The competitor run: its output guard acted (an online assertion fails); nothing for the judge to read.
    expect(blocked).toMatchObject({ pass: false, output: '', judge: { unmeasured: expect.any(String) } });

    const table = await inProject('samples', 'list', ASSISTANT);
    expect(table.stdout).toMatch(/^ID\s+PROMPT\s+RUN\s+ONLINE\s+JUDGE\s+RATING\s+OUTPUT$/m);
    expect(table.stdout).toMatch(
      new RegExp(`^${helped!.id}\\s+support/assistant v1\\s+ok\\s+pass\\s+pass 0.90\\s+-\\s+I can help`, 'm'),
    );
    const shown = await inProject('samples', 'show', String(blocked!.id));
    expect(shown.stdout).toContain('FAIL  not-guard');
    expect(shown.stdout).toContain(`rating: none yet — promptops samples rate ${blocked!.id} good|bad`);
  });

  it('takes the first rating of a sample and refuses a second, with the codes scripts expect', async () => {
    const [, helped] = await listed(ASSISTANT);
    const rated = await inProject(
      'samples',
      'rate',
      String(helped!.id),
      'good',
      '--comment',
      'clear, offers the return',
    );
    expect(rated).toMatchObject({
      code: 0,
      stdout: `sample ${helped!.id} (support/assistant v1) rated good\n`,
      stderr: '',
    });
    expectJsonError(
      await inProject('samples', 'rate', String(helped!.id), 'bad', '--json'),
      4,
      'conflict',
      `sample ${helped!.id} was already rated good by local:tester`,
    );
    expect((await listed(ASSISTANT))[1]!.rating).toMatchObject({
      rating: 'good',
      by: 'local:tester',
      comment: 'clear, offers the return',
    });
    expect((await listed(ASSISTANT, '--unrated')).map((sample) => sample.id)).not.toContain(helped!.id);
    expectJsonError(
      await inProject('samples', 'rate', '999', 'good', '--json'),
      3,
      'sample_not_found',
      'no sampled run 999',
    );
    expectJsonError(
      await inProject('samples', 'rate', String(helped!.id), 'meh', '--json'),
      2,
      'invalid_argument',
      'rate a sample good or bad',
    );
    expectJsonError(
      await inProject('samples', 'list', '--version', '1', '--json'),
      2,
      'invalid_argument',
      'needs a prompt NAME',
    );
    const audit = await inProject('audit', 'log', '--action', 'sample-rate', '--json');
    expect(JSON.parse(audit.stdout)).toEqual([
      expect.objectContaining({ action: 'sample-rate', target: ASSISTANT, actor: 'local:tester' }),
    ]);
  });

  it('shows the scores per version: online pass rate, judge mean and human ratings', async () => {
    const stats = await inProject('samples', 'stats', ASSISTANT);
    expect(stats.stdout).toBe(
      [
        'VERSION  SAMPLES  SCORED  ONLINE PASS  JUDGE MEAN  GOOD  BAD  GOOD RATE',
        'v1       2        2       50.0% of 2   0.90 of 1   1     0    100.0%',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await inProject('samples', 'stats', ASSISTANT, '--json')).stdout);
    expect(json).toEqual([
      expect.objectContaining({
        version: 1,
        samples: 2,
        onlinePassRate: 0.5,
        judgeMean: 0.9,
        good: 1,
        goodRate: 1,
      }),
    ]);
  });

  it('checks every subcommand against the caller’s roles', async () => {
    const admin = JSON.parse((await inProject('users', 'create', 'admin', '--json')).stdout).token as string;
    const as = (token: string, ...argv: string[]) =>
      cli(argv, { cwd: scratch.project, dataDir: scratch.dataDir, env: { PROMPTOPS_TOKEN: token } });
    expect((await as(admin, 'users', 'create', 'viv', '--role', 'viewer')).code).toBe(0);
    const viewer = JSON.parse((await as(admin, 'tokens', 'create', 'cli', '--user', 'viv', '--json')).stdout)
      .token as string;
    expect((await as(viewer, 'samples', 'list', ASSISTANT)).code).toBe(0);
    const rate = await as(viewer, 'samples', 'rate', '1', 'bad');
    expect(rate.code).toBe(6);
    expect(rate.stderr).toContain('user:viv may not rate a sampled live run good or bad');
    const score = await as(viewer, 'samples', 'score', '--scripted-model', 'script.yaml');
    expect(score.code).toBe(6);
    expect(score.stderr).toContain('it needs the deployer role on the whole catalog');
  });
});
