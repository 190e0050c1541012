import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.ts';
import { useCliScratch } from './use-cli-scratch.ts';

const RESPONSE = 'support/generate-response';
const TEAM = [
  ['alice', 'author:support/'],
  ['rita', 'approver:support/'],
  ['ray', 'approver:support/'],
  ['dan', 'deployer'],
  ['viv', 'viewer'],
] as const;

/**
 * The issue's walk through the example catalog, on the real CLI: people sign in with tokens, and
 * every refusal is the one a team would meet. Tests run in order and share one catalog.
 */
describe('governance on the CLI: a high-risk change from proposal to rollback', () => {
  const scratch = useCliScratch('governance', { example: true });
  const tokens = new Map<string, string>();
  const as = (who: string, ...argv: string[]) =>
    cli(argv, {
      cwd: scratch.project,
      dataDir: scratch.dataDir,
      env: { PROMPTOPS_TOKEN: tokens.get(who) ?? '' },
    });

  beforeAll(async () => {
    // A fresh catalog has no users: its local owner pushes, puts v1 live and creates the first admin.
    expect((await as('nobody', 'push', '.')).code).toBe(0);
    for (const name of [
      'assistant',
      'classify-intent',
      'compressed-classify',
      'gather-information',
      'generate-response',
    ]) {
      expect((await as('nobody', 'label', `support/${name}`, '1', 'production')).code).toBe(0);
    }
    const admin = await as('nobody', 'users', 'create', 'admin', '--json');
    tokens.set('admin', JSON.parse(admin.stdout).token);
    for (const [name, role] of TEAM) {
      const made = await as('admin', 'users', 'create', name, '--role', role);
      expect(made.stderr).toBe('');
      tokens.set(
        name,
        JSON.parse((await as('admin', 'tokens', 'create', 'cli', '--user', name, '--json')).stdout).token,
      );
    }
  });

  it('needs a token once there are users', async () => {
    const anonymous = await as('nobody', 'list');
    expect(anonymous.code).toBe(6);
    expect(anonymous.stderr).toContain('[unauthenticated]');
  });

  it('lets an author push and propose, and a viewer neither', async () => {
    const file = join(scratch.project, 'prompts', 'support', 'generate-response.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('Returns JSON so', 'Apologises once, not twice. Returns JSON so'));
    expect((await as('viv', 'push', '.')).stderr).toContain(
      'error [forbidden]: user:viv may not push new versions',
    );
    expect((await as('alice', 'push', '.', '-m', 'Apologise once')).code).toBe(0);
    const proposed = await as(
      'alice',
      'propose',
      RESPONSE,
      '--env',
      'production',
      '-m',
      'Apologise once, not twice',
    );
    expect(proposed.stdout).toBe(
      'change request #1: support/generate-response v2 for production (serves v1) — open\nnext: reviewers run `promptops review show 1`\n',
    );
  });

  it('refuses self-approval, a failing eval gate, and a deploy with one approval', async () => {
    const own = await as('alice', 'approve', '1', '--reason', 'mine');
    expect(own.code).toBe(6);
    await as(
      'dan',
      'evals',
      'record',
      RESPONSE,
      '--version',
      '2',
      '--suite',
      'support/behavioural',
      '--passed',
      '39',
      '--total',
      '40',
    );
    await as(
      'dan',
      'evals',
      'record',
      RESPONSE,
      '--version',
      '2',
      '--suite',
      'support/adversarial',
      '--passed',
      '18',
      '--total',
      '20',
    );
    const gated = await as('rita', 'approve', '1', '--reason', 'wording ok');
    expect(gated.code).toBe(7);
    expect(gated.stderr).toContain('eval gate: suite support/adversarial passed 90% of cases');
    await as(
      'dan',
      'evals',
      'record',
      RESPONSE,
      '--version',
      '2',
      '--suite',
      'support/adversarial',
      '--passed',
      '20',
      '--total',
      '20',
    );
    expect((await as('rita', 'approve', '1', '--reason', 'wording ok')).stdout).toBe(
      'change request #1 is open\n',
    );
    const early = await as('dan', 'deploy', '1', '--canary', '10', '--reason', 'release');
    expect(early.code).toBe(7);
    expect(early.stderr).toContain('it needs its approvals first');
    expect((await as('ray', 'approve', '1', '--reason', 'eval gates green')).stdout).toBe(
      'change request #1 is approved\n',
    );
  });

  it('refuses deploys during a freeze, then deploys a 10% canary', async () => {
    expect((await as('dan', 'freeze', 'start', 'production', '--reason', 'incident 4711')).code).toBe(0);
    const frozen = await as('dan', 'deploy', '1', '--canary', '10', '--reason', 'release');
    expect(frozen.code).toBe(7);
    expect(frozen.stderr).toContain('production is frozen by user:dan: incident 4711');
    expect((await as('viv', 'freeze', 'list')).stdout).toContain('incident 4711');
    await as('dan', 'freeze', 'end', 'production');
    const deployed = await as('dan', 'deploy', '1', '--canary', '10', '--reason', 'release');
    expect(deployed.stdout).toContain(
      'production: support/generate-response v2 is a canary at 10% (stable v1)',
    );
    expect((await as('dan', 'promote', RESPONSE, '--env', 'production')).stderr).toContain(
      'run at least 30 minutes',
    );
  });

  it('rolls back in one command, and the audit trail tells the story', async () => {
    const rolledBack = await as('dan', 'rollback', RESPONSE, '--env', 'production', '--reason', 'complaints');
    expect(rolledBack.stdout).toBe('production now serves support/generate-response v1 to everyone\n');
    const review = await as('viv', 'review', 'show', '1');
    expect(review.stdout).toContain('change request #1 — deployed');
    expect(review.stdout).toContain('support/adversarial: 20/20 (100.0%) by user:dan');
    expect(review.stdout).toMatch(/user:ray approve: eval gates green/);
    expect((await as('viv', 'audit', 'verify')).code).toBe(0);
    const audit = JSON.parse((await as('viv', 'audit', 'log', '--json', '--limit', '200')).stdout) as {
      actor: string;
      action: string;
      reason: string | null;
    }[];
    const story = audit
      .reverse()
      .filter((entry) => /^change-|canary|rollback|freeze/.test(entry.action))
      .map((entry) => `${entry.actor} ${entry.action}${entry.reason ? `: ${entry.reason}` : ''}`);
    expect(story).toEqual([
      'user:alice change-propose: Apologise once, not twice',
      'user:rita change-approve: wording ok',
      'user:ray change-approve: eval gates green',
      'user:dan freeze-start: incident 4711',
      'user:dan freeze-end',
      'user:dan canary-set: release',
      'user:dan deployment-rollback: complaints',
    ]);
  });
});
