import { describe, expect, it } from 'vitest';
import { listRunRecords, openDatabase } from '../../src/store/index.ts';
import { cli } from './cli-harness.ts';
import { useCliScratch } from './use-cli-scratch.ts';

const SCRIPT = ['--scripted-model', 'demo/scripted-model.yaml'];

describe('promptops run and chain on the embedded default, against the scripted model', () => {
  const scratch = useCliScratch('promptops-chain-', { push: true });
  const inProject = (...argv: string[]) => cli(argv, { cwd: scratch.project, dataDir: scratch.dataDir });

  it('runs the example chain end to end: classify, gather, respond', async () => {
    const result = await inProject(
      'chain',
      'customer-service',
      '--var',
      'customer_message=I was charged twice for order 1234',
      ...SCRIPT,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('using the scripted model server');
    expect(result.stdout).toContain('charged twice for order 1234');
    expect(result.stderr).toMatch(/stage intent .*ok, auto, confidence 0.94/);
    expect(result.stderr).toMatch(/stage reply \(support\/generate-response/);
    expect(result.stderr).toContain('answered (status ok)');
  });

  it('escalates a low-confidence classification instead of answering', async () => {
    const result = await inProject(
      'chain',
      'customer-service',
      '--var',
      'customer_message=hello?',
      ...SCRIPT,
      '--json',
    );
    expect(result.code).toBe(0);
    const chain = JSON.parse(result.stdout);
    expect(chain).toMatchObject({ status: 'escalated', outcome: 'escalated' });
    expect(chain.stages.map((stage: { id: string }) => stage.id)).toEqual(['intent']);
    expect(chain.reason).toContain('below the verify threshold');
  });

  it('asks for missing information instead of guessing', async () => {
    const result = await inProject(
      'chain',
      'customer-service',
      '--var',
      'customer_message=Where is my parcel?',
      ...SCRIPT,
      '--json',
    );
    expect(JSON.parse(result.stdout)).toMatchObject({
      outcome: 'asked',
      output: ['Could you tell me your order number?'],
    });
  });

  it('records the chain run with each stage as its child', async () => {
    const result = await inProject(
      'chain',
      'customer-service',
      '--var',
      'customer_message=I was charged twice for order 1234',
      ...SCRIPT,
      '--json',
    );
    const chain = JSON.parse(result.stdout);
    const handle = await openDatabase({ dataDir: scratch.dataDir });
    try {
      const records = await listRunRecords(handle.db, { rootId: chain.chainRunId });
      const parent = records.find((record) => record.kind === 'chain');
      expect(parent).toMatchObject({ id: chain.chainRunId, prompt: 'customer-service', status: 'ok' });
      const children = records.filter((record) => record.parentId === chain.chainRunId);
      expect(children.map((record) => record.prompt).sort()).toEqual([
        'support/classify-intent',
        'support/gather-information',
        'support/generate-response',
      ]);
    } finally {
      await handle.close();
    }
  });

  it('runs a single prompt and reports status, version, model, tokens and cost', async () => {
    const result = await inProject(
      'run',
      'support/classify-intent',
      '--var',
      'customer_message=I was charged twice',
      ...SCRIPT,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ intent: 'billing' });
    expect(result.stderr).toMatch(
      /status ok \(auto\) · v1 latest · openai\/gpt-4o-mini · \d+ in \/ \d+ out tokens · \$0\.\d+/,
    );
  });

  it('says which key is missing when no scripted model or key is given', async () => {
    const result = await inProject('run', 'support/classify-intent', '--var', 'customer_message=hi');
    expect(result.code).toBe(8);
    expect(result.stderr).toContain('OPENAI_API_KEY is not set');
  });
});

describe('promptops run --stream', () => {
  const scratch = useCliScratch('promptops-stream-', { push: true });

  it('prints the answer as it streams, then the status line', async () => {
    const result = await cli(
      ['run', 'support/compressed-classify', '--var', 'ticket=My invoice is wrong', '--stream', ...SCRIPT],
      { cwd: scratch.project, dataDir: scratch.dataDir },
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('billing');
    expect(result.stderr).toMatch(/status ok · v1 latest · openai\/gpt-4o-mini/);
  });
});
