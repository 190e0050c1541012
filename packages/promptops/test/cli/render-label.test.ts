import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.ts';
import { useCliScratch } from './use-cli-scratch.ts';

interface RenderJson {
  name: string;
  version: number;
  messages: { role: string; content: string }[];
  tokens: { estimate: number; encoding: string };
}

interface ListedArtifact {
  name: string;
  deployments: { environment: string; stableVersion: number }[];
}

/** Rendering what a model would get, and pointing an environment at a version. Tests run in order. */
describe('promptops render and label', () => {
  const scratch = useCliScratch('render', { push: true });
  const { run } = scratch;
  const message = 'My parcel AC-58213 still has not arrived, where is it?';

  it('render prints the system and user messages with the variable filled in, and a token estimate', async () => {
    const result = await run('render', 'support/classify-intent', '--var', `customer_message=${message}`);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('support/classify-intent v1');
    const system = result.stdout.indexOf('── system');
    const user = result.stdout.indexOf('── user');
    expect(system).toBeGreaterThan(-1);
    expect(user).toBeGreaterThan(system);
    // Defaults and fragments are applied: the system message is what the model reads.
    expect(result.stdout.slice(system, user)).toContain(
      'You are a customer intent classifier for Acme Corporation.',
    );
    expect(result.stdout.slice(system, user)).toContain('respond with only this JSON object');
    expect(result.stdout.slice(user)).toContain(`<customer_message>\n${message}\n</customer_message>`);
    expect(result.stdout).not.toContain('{{');
    expect(result.stdout).toMatch(/^≈ \d+ tokens \(estimate/m);
  });

  it('render --json gives the messages and the token estimate as JSON', async () => {
    const result = await run(
      'render',
      'support/classify-intent',
      '--var',
      `customer_message=${message}`,
      '--json',
    );

    expect(result.code).toBe(0);
    const rendered = JSON.parse(result.stdout) as RenderJson;
    expect(rendered.messages.map((entry) => entry.role)).toEqual(['system', 'user']);
    expect(rendered.messages[1]?.content).toContain(message);
    expect(rendered.tokens.estimate).toBeGreaterThan(100);
    expect(rendered.version).toBe(1);
  });

  it('render @production before anything is labelled says so and how to label one', async () => {
    const result = await run('render', 'support/classify-intent@production', '--var', 'customer_message=hi');

    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('production');
    expect(result.stderr).toContain('promptops label support/classify-intent');
  });

  it('after label, render @production renders the labelled version once its fragments are labelled too', async () => {
    const labelled = await run('label', 'support/classify-intent', '1', 'production');
    expect(labelled.code).toBe(0);
    expect(labelled.stdout).toContain('production now serves support/classify-intent v1');

    // Unpinned fragments resolve at the including environment's label (DESIGN.md, "Fragment"), so
    // the prompt alone is not enough: the message must name the fragment and how to label it.
    const missingFragment = await run(
      'render',
      'support/classify-intent@production',
      '--var',
      'customer_message=hi',
    );
    expect(missingFragment.code).toBe(3);
    expect(missingFragment.stderr).toContain('support/uncertainty');
    expect(missingFragment.stderr).toContain('promptops label support/uncertainty');

    expect((await run('label', 'support/uncertainty', '1', 'production')).code).toBe(0);
    const result = await run(
      'render',
      'support/classify-intent@production',
      '--var',
      `customer_message=${message}`,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('support/classify-intent v1');
    expect(result.stdout).toContain(message);
    expect(result.stdout).toContain('fragments: support/uncertainty v1');
  });

  it('list --json shows the deployment', async () => {
    const result = await run('list', '--json');

    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout) as ListedArtifact[];
    const classify = listed.find((artifact) => artifact.name === 'support/classify-intent');
    expect(classify?.deployments).toEqual([
      expect.objectContaining({ environment: 'production', stableVersion: 1 }),
    ]);
    const assistant = listed.find((artifact) => artifact.name === 'support/assistant');
    expect(assistant?.deployments).toEqual([]);
    const text = await run('list');
    expect(text.stdout).toMatch(/support\/classify-intent .*production=v1/);
  });

  it('an explicit --data-dir wins over a DATABASE_URL in the environment', async () => {
    const result = await cli(['list', '--data-dir', scratch.dataDir], {
      cwd: scratch.path,
      env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/unreachable' },
    });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('support/classify-intent');
  });
});
