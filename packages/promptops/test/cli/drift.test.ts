import { once } from 'node:events';
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run-command.ts';
import { cli } from './cli-harness.ts';
import { useCliScratch } from './use-cli-scratch.ts';

const classifier = (returns: string) => `
rules:
  - match: { system: customer intent classifier, lastUserMessage: charged }
    reply: { json: { intent: billing, confidence: 0.93, entities: {} } }
  - match: { system: customer intent classifier, lastUserMessage: return }
    reply: { json: { intent: ${returns}, confidence: 0.9, entities: {} } }
  - match: { system: customer intent classifier }
    reply: { json: { intent: order_tracking, confidence: 0.8, entities: {} } }
  - match: {}
    reply: Thanks for asking.
`;

const INTENTS = `
description: Intents for typical messages.
target: { prompt: support/classify-intent }
kind: unit
class_path: $.intent
thresholds: { pass_rate: 0.5 }
cases:
  - { id: twice, expected_class: billing, variables: { customer_message: "I was charged twice." } }
  - { id: jacket, expected_class: returns, variables: { customer_message: "How do I return this jacket?" } }
  - { id: parcel, expected_class: order_tracking, variables: { customer_message: "Where is my parcel?" } }
  - { id: late, expected_class: order_tracking, variables: { customer_message: "My order is late." } }
`;

async function writeProject(project: string): Promise<void> {
  await rm(join(project, 'evals'), { recursive: true, force: true });
  await mkdir(join(project, 'evals', 'support'), { recursive: true });
  await writeFile(join(project, 'evals', 'support', 'intents.yaml'), INTENTS);
  // Before: the model classifies returns right. After: it has drifted and calls them order tracking.
  await writeFile(join(project, 'before.yaml'), classifier('returns'));
  await writeFile(join(project, 'after.yaml'), classifier('order_tracking'));
  await appendFile(
    join(project, 'policies.yaml'),
    '\nevaluation:\n  drift: { every: 24h, environments: [production, staging], drop: 0.05 }\n',
  );
}

describe('promptops drift check: deployed versions re-run their suites and drift raises an alert', () => {
  const scratch = useCliScratch('drift', { example: true, beforePush: writeProject });
  const received: { event: string; body: Record<string, unknown> }[] = [];
  let hookServer: Server;
  const env = { HOOK_SECRET: 'drift-test-secret' };
  const run = (...argv: string[]) => cli(argv, { cwd: scratch.project, dataDir: scratch.dataDir, env });

  beforeAll(async () => {
    hookServer = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk) => {
        text += chunk;
      });
      request.on('end', () => {
        const body = JSON.parse(text);
        received.push({ event: body.event, body });
        response.end('ok');
      });
    });
    hookServer.listen(0, '127.0.0.1');
    await once(hookServer, 'listening');
    const { port } = hookServer.address() as AddressInfo;
    expect((await run('push', '.')).code).toBe(0);
    for (const name of ['support/classify-intent', 'support/uncertainty', 'support/intent-examples']) {
      const labelled = await run('label', name, '1', 'production', '--reason', 'test');
      expect(labelled.code, labelled.stderr).toBe(0);
    }
    const hook = await run(
      'webhooks',
      'add',
      'drift-hook',
      `http://127.0.0.1:${port}/hook`,
      '--secret-env',
      'HOOK_SECRET',
      '--events',
      'eval.drift',
      '--allow-private-network',
    );
    expect(hook.code, hook.stderr).toBe(0);
  });
  afterAll(async () => {
    hookServer.close();
  });

  it('records a first result, then finds nothing while the model answers the same', async () => {
    const first = await run('drift', 'check', '--scripted-model', 'before.yaml');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      '·  support/intents → support/classify-intent v1 (production): pass rate 100.0% (4/4); first result, nothing to compare',
    );
    const same = await run('drift', 'check', '--scripted-model', 'before.yaml', '--json', '--fail-on-drift');
    expect(same.code, same.stderr).toBe(0);
    const report = JSON.parse(same.stdout);
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({
      prompt: 'support/classify-intent',
      version: 1,
      environments: ['production'],
      passRate: 1,
      previous: { passRate: 1, recordedBy: 'system:drift' },
      drifted: false,
    });
    const audit = await run('audit', 'log', '--by', 'system:drift', '--json');
    expect(JSON.parse(audit.stdout)).toHaveLength(2);
  });

  it('raises eval.drift with the figures when the model starts answering differently', async () => {
    const drifted = await run('drift', 'check', '--scripted-model', 'after.yaml', '--fail-on-drift');
    expect(drifted.code).toBe(11);
    expect(drifted.stdout).toContain(
      '✗  DRIFT support/intents on support/classify-intent v1 (production): passRate 100.0% → 75.0% (-25.0 points), accuracy 100.0% → 75.0% (-25.0 points)',
    );
    expect(drifted.stdout).toContain('now failing: jacket');
    expect(drifted.stderr).toContain('eval drift: support/intents on support/classify-intent v1');
    const delivered = await run('webhooks', 'deliver');
    expect(delivered.code, delivered.stderr).toBe(0);
    expect(received.map((entry) => entry.event)).toEqual(['eval.drift']);
    const notice = received[0] as { event: string; body: Record<string, unknown> };
    expect(notice.body).toMatchObject({
      event: 'eval.drift',
      actor: 'system:drift',
      target: 'support/classify-intent',
      details: {
        suite: 'support/intents',
        version: 1,
        drop: 0.05,
        previous: { passRate: 1 },
        current: { passRate: 0.75, passed: 3, total: 4 },
        regressions: [{ caseId: 'jacket' }],
      },
    });
    expect((notice.body.details as { drops: unknown[] }).drops).toContainEqual({
      metric: 'passRate',
      before: 1,
      after: 0.75,
      fall: 0.25,
    });
  });

  it('is refused to anyone who may not record results over the whole catalog', async () => {
    const admin = JSON.parse((await run('users', 'create', 'admin', '--json')).stdout).token;
    expect(
      (
        await cli(['users', 'create', 'viv', '--role', 'viewer'], {
          cwd: scratch.project,
          dataDir: scratch.dataDir,
          env: { PROMPTOPS_TOKEN: admin },
        })
      ).code,
    ).toBe(0);
    const token = JSON.parse(
      (
        await cli(['tokens', 'create', 'cli', '--user', 'viv', '--json'], {
          cwd: scratch.project,
          dataDir: scratch.dataDir,
          env: { PROMPTOPS_TOKEN: admin },
        })
      ).stdout,
    ).token;
    const refused = await cli(['drift', 'check', '--scripted-model', 'before.yaml'], {
      cwd: scratch.project,
      dataDir: scratch.dataDir,
      env: { PROMPTOPS_TOKEN: token },
    });
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain('user:viv');
  });
});

describe('promptops serve runs the drift watch on its timer', () => {
  const scratch = useCliScratch('drift-serve', { example: true, beforePush: writeProject });
  const run = (...argv: string[]) => cli(argv, { cwd: scratch.project, dataDir: scratch.dataDir });

  it('re-runs the deployed suites once started, records them as system:drift and shows them in GET /api/drift', async () => {
    expect((await run('push', '.')).code).toBe(0);
    for (const name of ['support/classify-intent', 'support/uncertainty', 'support/intent-examples']) {
      expect((await run('label', name, '1', 'production', '--reason', 'test')).code).toBe(0);
    }
    const token = JSON.parse((await run('users', 'create', 'admin', '--json')).stdout).token as string;
    const stop = new AbortController();
    let stderr = '';
    let announced: (url: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => {
      announced = resolve;
    });
    const exited = runCommand(['serve', '--port', '0', '--scripted-model', 'before.yaml'], {
      cwd: scratch.project,
      env: { PROMPTOPS_DATA_DIR: scratch.dataDir },
      signal: stop.signal,
      stdout: () => {},
      stderr: (text) => {
        stderr += text;
        const match = /promptops serving (http:\/\/\S+)/.exec(stderr);
        if (match?.[1]) announced(match[1]);
      },
    });
    try {
      const url = await Promise.race([listening, exited.then((code) => `exited ${code}: ${stderr}`)]);
      expect(stderr).toContain(
        'drift watch: suites of the versions production, staging serve re-run every 24h',
      );
      let body: { results: unknown[]; lastRunAt: string | null } = { results: [], lastRunAt: null };
      for (let attempt = 0; attempt < 200 && body.lastRunAt === null; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const response = await fetch(`${url}/api/drift`, { headers: { authorization: `Bearer ${token}` } });
        body = (await response.json()) as typeof body;
      }
      expect(body.lastRunAt).not.toBeNull();
      expect(body.results).toMatchObject([
        {
          prompt: 'support/classify-intent',
          version: 1,
          suite: 'support/intents',
          passRate: 1,
          drifted: false,
        },
      ]);
    } finally {
      stop.abort(new Error('SIGTERM'));
      expect(await exited).toBe(0);
    }
  });
});
