import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/index.ts';
import { editFile } from './cli-harness.ts';
import { expectJsonError } from './expect-json-error.ts';
import { useCliScratch } from './use-cli-scratch.ts';

const PROMPT = 'support/classify-intent';

describe('promptops experiments: start, list, show and stop from the command line', () => {
  const scratch = useCliScratch('experiments', { push: true });
  const run = (...argv: string[]) => scratch.run(...argv);

  it('refuses bad input by name and a prompt without a canary', async () => {
    expect((await run('label', PROMPT, '1', 'production', '--reason', 'live')).code).toBe(0);
    const start = [
      'experiments',
      'start',
      PROMPT,
      '--metric',
      'error-rate',
      '--min-per-arm',
      '50',
      '--max-duration',
      '7d',
    ];
    expectJsonError(await run(...start, '--json'), 2, 'invalid_argument', 'needs --reason');
    const badMetric = await run(
      'experiments',
      'start',
      PROMPT,
      '--metric',
      'joy',
      '--min-per-arm',
      '50',
      '--max-duration',
      '7d',
      '--reason',
      'x',
      '--json',
    );
    expectJsonError(badMetric, 2, 'invalid_argument', 'metric must be one of feedback, judge');
    expect(JSON.parse(badMetric.stdout).error.details).toEqual({ parameter: 'metric' });
    expectJsonError(
      await run(...start, '--reason', 'x', '--alpha', '5', '--json'),
      2,
      'invalid_argument',
      '--alpha',
    );
    expectJsonError(
      await run(...start, '--reason', 'x', '--json'),
      4,
      'conflict',
      'has no canary in production',
    );
    expectJsonError(
      await run('experiments', 'show', '42', '--json'),
      3,
      'experiment_not_found',
      'no experiment #42',
    );
  });

  it('runs one on the canary, shows its figures without a verdict before the horizon, and stops it', async () => {
    // v2 becomes the canary (as a governed deploy with --canary would make it).
    await editFile(
      join(scratch.project, 'prompts', 'support', 'classify-intent.yaml'),
      '- general: anything else about',
      '- general: any other question about',
    );
    expect((await run('push', scratch.project)).code).toBe(0);
    const handle = await openDatabase({ dataDir: scratch.dataDir });
    try {
      await handle.db.execute(
        sql`update deployments set canary_version = 2, canary_percent_bp = 5000, canary_started_at = now() where environment = 'production' and artifact_id = (select id from artifacts where name = ${PROMPT})`,
      );
    } finally {
      await handle.close();
    }
    const started = await run(
      'experiments',
      'start',
      PROMPT,
      '--metric',
      'escalation-rate',
      '--min-per-arm',
      '200',
      '--max-duration',
      '14d',
      '--guardrail',
      'error-rate,cost',
      '--reason',
      'fewer escalations?',
    );
    expect(started.stderr).toBe('');
    expect(started.stdout).toMatch(
      /^experiment #1 started: support\/classify-intent in production, v1 \(stable\) vs v2 \(canary\) on escalation-rate; concludes at 200 per arm or by /,
    );
    const listed = JSON.parse((await run('experiments', 'list', '--state', 'running', '--json')).stdout);
    expect(listed).toEqual([
      expect.objectContaining({
        id: 1,
        metric: 'escalation-rate',
        direction: 'lower',
        guardrails: ['error-rate', 'cost'],
      }),
    ]);
    expect((await run('experiments', 'list')).stdout).toMatch(
      /1 +support\/classify-intent +production +v1 → v2 +escalation-rate \(lower\) +running +0 \/ 0 of 200/,
    );
    const shown = await run('experiments', 'show', '1');
    expect(shown.stdout).toContain(
      'goal: escalation-rate, lower is better; horizon 200 per arm, at most 14d',
    );
    expect(shown.stdout).toContain('guardrails: error-rate, cost at alpha 0.01');
    expect(shown.stdout).toContain('no comparison before the horizon');
    expectJsonError(await run('experiments', 'stop', '1', '--json'), 2, 'invalid_argument', 'needs --reason');
    const stopped = await run('experiments', 'stop', '1', '--reason', 'wrong metric', '--json');
    expect(JSON.parse(stopped.stdout)).toMatchObject({
      state: 'stopped',
      endedBy: 'local:tester',
      endReason: 'wrong metric',
      result: { outcome: 'stopped' },
    });
    expect((await run('experiments', 'show', '1')).stdout).toContain(
      'result: stopped\nended by local:tester at',
    );
  });
});
