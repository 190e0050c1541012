import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LoadedChain, loadChainFile, parseChainFile } from '../../catalog/files/chain-file.ts';
import type { RunResult } from '../run-result.ts';
import type { ChainResult } from './chain-result.ts';
import { runChain } from './run-chain.ts';
import { scriptedRun } from './test-fixtures.ts';

const EXAMPLE = path.resolve(import.meta.dirname, '../../../../../examples/acme-support');
const CLASSIFY = 'support/classify-intent';
const GATHER = 'support/gather-information';
const RESPOND = 'support/generate-response';

const intent = { intent: 'order_tracking', confidence: 0.93, entities: { order_number: 'A-1234' } };
const gathered = {
  required_information: [{ field: 'order_number', required: true, value: 'A-1234' }],
  missing_required: false,
  questions: [],
};
const reply = { reply: 'Your order A-1234 arrives on Friday.', escalate: false, escalation_reason: null };
const happyScript: Record<string, Partial<RunResult>> = {
  [CLASSIFY]: { parsed: intent, confidence: 0.93, decision: 'auto' },
  [GATHER]: { parsed: gathered },
  [RESPOND]: { parsed: reply },
};

let chain: LoadedChain;
beforeAll(async () => {
  chain = await loadChainFile(EXAMPLE, 'chains/customer-service.yaml');
});

const message = { customer_message: 'Where is my order A-1234?' };

describe('runChain with the example customer-service chain', () => {
  it('runs classify → gather → respond, wiring each stage from input and earlier results', async () => {
    const { run, calls } = scriptedRun(happyScript);
    const lookup = { status: 'shipped', delivery_date: 'Friday' };
    const result = await runChain(
      chain,
      { ...message, identity_verified: true, lookup_results: lookup },
      { run },
    );

    expect(calls.map((call) => call.variables)).toEqual([
      { customer_message: message.customer_message },
      {
        intent: 'order_tracking',
        entities: { order_number: 'A-1234' },
        customer_message: message.customer_message,
        conversation_summary: '',
        identity_verified: true,
      },
      {
        intent: 'order_tracking',
        gathered_information: gathered,
        lookup_results: lookup,
        customer_message: message.customer_message,
        customer_name: '',
        conversation_summary: '',
        identity_verified: true,
      },
    ]);
    expect(result).toMatchObject({
      chain: 'customer-service',
      status: 'ok',
      outcome: 'answered',
      output: reply.reply,
      usage: { inputTokens: 300, outputTokens: 60, estimated: false },
    });
    expect(result.stages.map((stage) => [stage.id, stage.prompt])).toEqual([
      ['intent', CLASSIFY],
      ['info', GATHER],
      ['reply', RESPOND],
    ]);
    expect(result.cost?.amount).toBeCloseTo(0.003);
    expect(result.endedAt).toBeUndefined();
  });

  it('escalates on confidence below 0.7 without running later stages', async () => {
    const { run, calls } = scriptedRun({
      ...happyScript,
      [CLASSIFY]: { parsed: { ...intent, confidence: 0.55 }, confidence: 0.55 },
    });
    const result = await runChain(chain, message, { run });
    expect(result).toMatchObject({
      status: 'escalated',
      outcome: 'escalated',
      output: null,
      reason: 'Unable to determine intent',
      endedAt: { stage: 'intent', rule: 0 },
    });
    expect(calls.map((call) => call.name)).toEqual([CLASSIFY]);
  });

  it("ends escalated with the run's reason when the prompt's own threshold escalates", async () => {
    const reason = 'confidence 0.55 is below the verify threshold';
    const { run, calls } = scriptedRun({
      ...happyScript,
      [CLASSIFY]: {
        status: 'escalated',
        parsed: { ...intent, confidence: 0.55 },
        decision: 'escalate',
        reason,
      },
    });
    const result = await runChain(chain, message, { run });
    expect(result).toMatchObject({
      status: 'escalated',
      outcome: 'escalated',
      reason,
      endedAt: { stage: 'intent' },
    });
    expect(result.endedAt?.rule).toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it('escalates with the model reason when a stage answers uncertain', async () => {
    const uncertain = {
      status: 'uncertain',
      reason: 'the message is about two orders',
      suggestion: 'ask which',
    };
    const { run, calls } = scriptedRun({
      ...happyScript,
      [CLASSIFY]: { status: 'uncertain', parsed: uncertain, reason: uncertain.reason },
    });
    const result = await runChain(chain, message, { run });
    expect(result).toMatchObject({
      status: 'escalated',
      outcome: 'escalated',
      reason: 'the message is about two orders',
      endedAt: { stage: 'intent' },
    });
    expect(calls).toHaveLength(1);
  });

  it('asks the questions when required information is missing', async () => {
    const questions = ['What is your order number?'];
    const { run, calls } = scriptedRun({
      ...happyScript,
      [GATHER]: { parsed: { required_information: [], missing_required: true, questions } },
    });
    const result = await runChain(chain, message, { run });
    expect(result).toMatchObject({ status: 'ok', outcome: 'asked', output: questions });
    expect(calls.map((call) => call.name)).toEqual([CLASSIFY, GATHER]);
  });

  it('escalates when the reply asks for a person, handing back the handover reply and its reason', async () => {
    const handover = {
      reply: 'A colleague will follow up.',
      escalate: true,
      escalation_reason: 'wants a refund decision',
    };
    const { run } = scriptedRun({ ...happyScript, [RESPOND]: { parsed: handover } });
    const result = await runChain(chain, message, { run });
    expect(result).toMatchObject({
      status: 'escalated',
      output: handover.reply,
      reason: 'wants a refund decision',
      endedAt: { stage: 'reply', rule: 0 },
    });
  });

  it('fails when a stage fails, keeping its error, and the cost is unknown', async () => {
    const error = { code: 'provider_error' as const, message: 'every model is down' };
    const { run, calls } = scriptedRun({
      ...happyScript,
      [GATHER]: { status: 'failed', error, reason: error.message, cost: null, usage: null },
    });
    const result = await runChain(chain, message, { run });
    expect(result).toMatchObject({ status: 'failed', outcome: 'failed', error, endedAt: { stage: 'info' } });
    expect(result.reason).toBe('stage "info" (support/gather-information) failed: every model is down');
    expect(result.cost).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('refuses input that breaks the input schema without running a stage', async () => {
    const { run, calls } = scriptedRun(happyScript);
    const result = await runChain(chain, { customer_message: '' }, { run });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'variable_invalid' } });
    expect(calls).toHaveLength(0);
  });

  it('runs every stage as a child of the chain run, and records the chain', async () => {
    const { run, calls } = scriptedRun(happyScript);
    const recorded: ChainResult[] = [];
    const result = await runChain(chain, message, {
      run,
      environment: 'staging',
      stickyKey: 'customer-42',
      requestId: 'request-7',
      createRunId: () => 'chain-run-1',
      recordChain: (chainResult) => {
        recorded.push(chainResult);
      },
    });
    expect(result.chainRunId).toBe('chain-run-1');
    for (const call of calls) {
      expect(call.options).toMatchObject({
        parentRunId: 'chain-run-1',
        rootRunId: 'chain-run-1',
        environment: 'staging',
        stickyKey: 'customer-42',
        requestId: 'request-7',
        metadata: { chain: 'customer-service' },
      });
    }
    expect(calls.map((call) => call.options.metadata?.stage)).toEqual(['intent', 'info', 'reply']);
    expect(recorded).toEqual([result]);
  });
});

describe('runChain with inline chains', () => {
  const head = `description: Test\nowner: team\ninput: { type: object, properties: { text: { type: string } } }\n`;
  const inline = (stages: string, output = 'a.output') =>
    parseChainFile(`${head}stages:\n${stages}output: ${output}\n`, 'chains/test.yaml');

  it('fails naming the stage and rule when a rule cannot be evaluated', async () => {
    const chain = inline(
      '  - id: a\n    prompt: p/a\n    rules:\n      - if: a.parsed.score > 0.5\n        then: escalate\n',
    );
    const { run } = scriptedRun({ 'p/a': { parsed: { label: 'x' } } });
    const result = await runChain(chain, { text: 'hi' }, { run });
    expect(result).toMatchObject({
      status: 'failed',
      outcome: 'failed',
      error: { code: 'template_error' },
      endedAt: { stage: 'a', rule: 0 },
    });
    expect(result.reason).toBe(
      'stage "a", rule 1 (if: a.parsed.score > 0.5): undefined variable: a.parsed.score',
    );
  });

  it('goes on past an uncertain stage with on_uncertain: continue, and says the answer is uncertain', async () => {
    const chain = inline(
      '  - id: a\n    prompt: p/a\n    on_uncertain: continue\n  - id: b\n    prompt: p/b\n    variables: { hint: a.reason }\n',
      'b.output',
    );
    const { run, calls } = scriptedRun({
      'p/a': { status: 'uncertain', reason: 'unsure' },
      'p/b': { output: 'done' },
    });
    const result = await runChain(chain, { text: 'hi' }, { run });
    expect(result).toMatchObject({ status: 'uncertain', outcome: 'answered', output: 'done' });
    expect(calls[1]?.variables).toEqual({ hint: 'unsure' });
  });

  it('applies the first rule that holds: continue skips the rest, answer ends with its value', async () => {
    const chain = inline(
      "  - id: a\n    prompt: p/a\n    rules:\n      - if: a.output == 'skip'\n        then: continue\n      - if: 'true'\n        then: { answer: \"'early'\" }\n  - id: b\n    prompt: p/b\n",
      'b.output',
    );
    const skipped = scriptedRun({ 'p/a': { output: 'skip' }, 'p/b': { output: 'late' } });
    expect((await runChain(chain, { text: 'x' }, { run: skipped.run })).output).toBe('late');
    const answered = scriptedRun({ 'p/a': { output: 'other' } });
    const result = await runChain(chain, { text: 'x' }, { run: answered.run });
    expect(result).toMatchObject({
      status: 'ok',
      outcome: 'answered',
      output: 'early',
      endedAt: { stage: 'a', rule: 1 },
    });
  });

  it('ends blocked when a guard blocks a stage', async () => {
    const chain = inline('  - id: a\n    prompt: p/a\n');
    const { run } = scriptedRun({ 'p/a': { status: 'blocked', reason: 'policy term' } });
    expect(await runChain(chain, {}, { run })).toMatchObject({
      status: 'blocked',
      outcome: 'blocked',
      reason: 'policy term',
    });
  });
});
