import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProjectConfig } from '../../src/catalog/files/load-project-config.ts';
import { readProject } from '../../src/catalog/files/read-project.ts';
import { pushProject } from '../../src/catalog/sync/push-project.ts';
import { createPromptops, type Promptops } from '../../src/create-promptops.ts';
import { providersFromConfig } from '../../src/runtime/providers-from-config.ts';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.ts';

describe('createPromptops: the library entry with a project folder', () => {
  let folder: string;
  let server: ScriptedModelServer;
  let promptops: Promptops;
  const toolCalls: string[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'promptops-library-'));
    await cp(new URL('../../../../examples/acme-support', import.meta.url), folder, { recursive: true });
    server = await startScriptedModelServer({
      announce: false,
      rules: [{ reply: { json: { intent: 'returns', confidence: 0.97, entities: {} } } }],
    });
    const config = await loadProjectConfig(folder);
    const providers = providersFromConfig(config, {
      env: { OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k' },
      baseUrls: { openai: server.openaiBaseUrl, anthropic: server.anthropicBaseUrl },
    });
    promptops = await createPromptops({
      dataDir: join(folder, '.promptops', 'db'),
      projectDir: folder,
      providers,
      tools: {
        verify_identity: () => {
          toolCalls.push('verify_identity');
          return { verified: true };
        },
      },
    });
    await pushProject(promptops.catalog, { actor: 'test' }, await readProject(folder));
  });
  afterAll(async () => {
    await promptops.close();
    await server.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('runs a prompt and a chain from code', async () => {
    const result = await promptops.runtime!.run('support/classify-intent', {
      customer_message: 'The blender arrived broken',
    });
    expect(result).toMatchObject({ status: 'ok', decision: 'auto', parsed: { intent: 'returns' } });
  });

  it('serves tools from the createPromptops option and from registerTool (docs/tools.md)', async () => {
    promptops.runtime!.registerTool('lookup_order', ({ order_number }) => {
      toolCalls.push(`lookup_order ${order_number}`);
      return { status: 'shipped' };
    });
    const turns = (request: { messages: { role: string }[] }) =>
      request.messages.filter((turn) => turn.role === 'tool').length;
    server.setRules([
      {
        match: { when: (request) => turns(request) === 0 },
        reply: {
          toolCalls: [{ name: 'verify_identity', arguments: { email: 'a@example.com', code: '123456' } }],
        },
      },
      {
        match: { when: (request) => turns(request) === 1 },
        reply: { toolCalls: [{ name: 'lookup_order', arguments: { order_number: 'A1234-5678' } }] },
      },
      { reply: 'Your order has shipped.' },
    ]);
    const result = await promptops.runtime!.run('support/assistant', {
      customer_message: 'Where is A1234-5678?',
    });
    expect(result).toMatchObject({ status: 'ok', output: 'Your order has shipped.' });
    expect(toolCalls).toEqual(['verify_identity', 'lookup_order A1234-5678']);
  });

  it("watches the run with policies.yaml's alert rules", async () => {
    expect(promptops.alerts?.rules.map((rule) => rule.name)).toEqual([
      'prompt-error-rate-high',
      'latency-degradation',
      'cost-spike',
    ]);
    await promptops.alerts!.evaluateNow();
    const errors = promptops
      .alerts!.snapshot()
      .alerts.find(
        (alert) => alert.prompt === 'support/classify-intent' && alert.rule === 'prompt-error-rate-high',
      );
    // One run is below min_requests: no rate is judged yet.
    expect(errors).toMatchObject({ version: 1, arm: 'latest', state: 'ok', runs: 1, value: null });
  });

  it('has no runtime without a project folder, and says nothing is wrong with the catalog', async () => {
    const bare = await createPromptops({});
    expect(bare.runtime).toBeUndefined();
    expect(await bare.catalog.list()).toEqual([]);
    await bare.close();
  });
});
