import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.ts';
import { useCliScratch } from './use-cli-scratch.ts';

/**
 * Two models that answer differently: the route's gpt-4o-mini classifies by keyword, the candidate
 * claude-haiku-4-5 answers "general" to everything, claude-sonnet-4-5 classifies like the route.
 */
const SCRIPT = `
rules:
  - match: { model: claude-haiku-4-5, system: customer intent classifier }
    reply: { json: { intent: general, confidence: 0.5, entities: {} } }
  - match: { system: customer intent classifier, lastUserMessage: charged }
    reply: { json: { intent: billing, confidence: 0.93, entities: {} } }
  - match: { system: customer intent classifier, lastUserMessage: return }
    reply: { json: { intent: returns, confidence: 0.9, entities: {} } }
  - match: { system: customer intent classifier }
    reply: { json: { intent: order_tracking, confidence: 0.8, entities: {} } }
  - match: {}
    reply: Thanks for asking. I can help with Acme products and orders; could you verify your identity first?
`;

const INTENTS = `
description: Intents for typical messages.
target: { prompt: support/classify-intent }
kind: unit
class_path: $.intent
cases:
  - { id: twice, expected_class: billing, variables: { customer_message: "I was charged twice." } }
  - { id: double, expected_class: billing, variables: { customer_message: "You charged my card again." } }
  - { id: charged-fee, expected_class: billing, variables: { customer_message: "Why was I charged a fee?" } }
  - { id: jacket, expected_class: returns, variables: { customer_message: "How do I return this jacket?" } }
  - { id: shoes, expected_class: returns, variables: { customer_message: "I want to return the shoes." } }
  - { id: parcel, expected_class: order_tracking, variables: { customer_message: "Where is my parcel?" } }
  - { id: late, expected_class: order_tracking, variables: { customer_message: "My order is late." } }
defaults:
  assert: [{ type: is-json }]
`;

async function writeProject(project: string): Promise<void> {
  await rm(join(project, 'evals'), { recursive: true, force: true });
  await mkdir(join(project, 'evals', 'support'), { recursive: true });
  await writeFile(join(project, 'evals', 'support', 'intents.yaml'), INTENTS);
  await writeFile(join(project, 'script.yaml'), SCRIPT);
}

describe('promptops migrate-check: a prompt suite on its current model and a candidate', () => {
  const scratch = useCliScratch('migrate-check', { example: true, beforePush: writeProject });
  const run = (...argv: string[]) =>
    cli(['migrate-check', ...argv, '--scripted-model', 'script.yaml', '--no-cache'], {
      cwd: scratch.project,
      dataDir: scratch.dataDir,
    });

  beforeAll(async () => {
    const at = { cwd: scratch.project, dataDir: scratch.dataDir };
    expect((await cli(['push', '.'], at)).code).toBe(0);
    // A prompt's fragments and example bank resolve at the environment too (docs/architecture.md).
    for (const name of ['support/classify-intent', 'support/uncertainty', 'support/intent-examples']) {
      const labelled = await cli(['label', name, '1', 'production', '--reason', 'test'], at);
      expect(labelled.code, labelled.stderr).toBe(0);
    }
  });

  it('reports a candidate that gets worse as significant regressions, with cost and latency, and exits 11 when asked', async () => {
    const checked = await run('--model', 'anthropic/claude-haiku-4-5', 'support/classify-intent');
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain(
      'support/classify-intent v1: classification route (openai/gpt-4o-mini) → anthropic/claude-haiku-4-5: REGRESSIONS',
    );
    expect(checked.stdout).toMatch(
      /classification route \(openai\/gpt-4o-mini\)\s+100\.0%\s+\S+\s+[\d,]+ ms\s+[\d,]+ ms/,
    );
    expect(checked.stdout).toMatch(/anthropic\/claude-haiku-4-5\s+0\.0%/);
    expect(checked.stdout).toContain('B passes fewer cases (-100.0 points); p = 0.016, significant at 0.05');
    expect(checked.stdout).toContain('regressions (pass in A, fail in B): 7');
    expect(checked.stdout).toContain('expected class "billing", found "general"');
    expect(checked.stdout).toContain('verdict: regressions · 1 prompt checked');
    const failing = await run(
      '--model',
      'anthropic/claude-haiku-4-5',
      '--folder',
      'support',
      '--fail-on-regression',
    );
    expect(failing.code).toBe(11);
  });

  it('calls a candidate that answers the same safe, and writes JSON and HTML reports', async () => {
    const checked = await run(
      '--model',
      'anthropic/claude-sonnet-4-5',
      '--json',
      '--output',
      'reports/migration.html',
      '--fail-on-regression',
    );
    expect(checked.code).toBe(0);
    const report = JSON.parse(checked.stdout);
    expect(report.verdict).toBe('safe');
    expect(report.prompts).toHaveLength(1);
    const [prompt] = report.prompts;
    expect(prompt).toMatchObject({ prompt: 'support/classify-intent', outcome: 'checked', version: 1 });
    const [suite] = prompt.suites;
    expect(suite.current.passRate).toBe(1);
    expect(suite.candidate.passRate).toBe(1);
    expect(suite.comparison.regressions).toEqual([]);
    // Scripted models are priced from the model catalog: both sides have a known cost.
    expect(suite.current.costUsd).toBeGreaterThan(0);
    expect(suite.candidate.costUsd).toBeGreaterThan(0);
    expect(suite.candidate.p99LatencyMs).toBeGreaterThanOrEqual(suite.candidate.p50LatencyMs);
    const html = await readFile(join(scratch.project, 'reports', 'migration.html'), 'utf8');
    expect(html).toContain('Model migration check: anthropic/claude-sonnet-4-5 (production)');
    expect(html).toContain('support/intents: safe');
  });

  it('refuses a candidate the policies keep from the prompt’s data, without running it', async () => {
    const refused = await run('--model', 'openai/gpt-4.1', 'support/classify-intent');
    expect(refused.code).toBe(0);
    expect(refused.stdout).toContain(
      'support/classify-intent v1: REFUSED — openai/gpt-4.1 is not allowed for confidential data',
    );
    expect(refused.stderr).not.toContain('support/intents A');
  });

  it('refuses bad input naming the parameter', async () => {
    const noModel = await run('support/classify-intent');
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain('--model names the candidate as provider/model');
    const unknown = await run('--model', 'openai/gpt-4o', 'support/nothing');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no suite under evals/ targets support/nothing');
    const output = await run('--model', 'openai/gpt-4o', '--output', 'x.xml');
    expect(output.stderr).toContain('a migration report is .json or .html');
  });
});
