import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueLines } from '../../../test/support/issue-lines.ts';
import { rejection } from '../../../test/support/rejection.ts';
import { useFileLoader } from '../../../test/support/use-file-loader.ts';
import { ChainContent, loadChainFile } from './chain-file.ts';
import { loadPromptFile } from './load-prompt-file.ts';

const file = 'chains/support/triage.yaml';
const { load } = useFileLoader(file, loadChainFile);

const HEAD = `description: Triage
owner: support
input:
  type: object
  properties:
    message: { type: string }
`;

const TWO_STAGES = `${HEAD}stages:
  - id: intent
    prompt: support/classify-intent
    variables:
      customer_message: input.message
    rules:
      - if: intent.parsed.confidence < 0.7
        then: escalate
  - id: reply
    prompt: support/generate-response
    variables:
      intent: intent.parsed.intent
output: reply.parsed.reply
`;

describe('loadChainFile', () => {
  it('reads a chain, with defaults applied and the name from the path', async () => {
    const chain = await load(TWO_STAGES);
    expect(chain).toMatchObject({ kind: 'chain', name: 'support/triage', file });
    expect(chain.content.stages[1]).toEqual({
      id: 'reply',
      prompt: 'support/generate-response',
      variables: { intent: 'intent.parsed.intent' },
      on_uncertain: 'escalate',
      rules: [],
    });
    expect(chain.locate('stages[1].variables.intent')).toMatchObject({ line: 18 });
  });

  it('names an unknown key with its line and the closest known key', async () => {
    const error = await rejection(load(TWO_STAGES.replace('    rules:', '    rule:')));
    expect(issueLines(error)).toEqual(['12 stages[0].rule: unknown key "rule"; did you mean "rules"?']);
  });

  it('refuses a stage that reads a later stage, with the line', async () => {
    const error = await rejection(
      load(TWO_STAGES.replace('customer_message: input.message', 'customer_message: reply.output')),
    );
    expect(issueLines(error)).toEqual([
      '11 stages[0].variables.customer_message: reply.output: stage "reply" (stage 2) has not run yet here; use input',
    ]);
  });

  it('refuses duplicate stage ids', async () => {
    const error = await rejection(
      load(TWO_STAGES.replace('id: reply', 'id: intent').replace('reply.parsed.reply', 'intent.output')),
    );
    expect(issueLines(error)).toEqual(['15 stages[1].id: duplicate stage id "intent": stage 1 has it']);
  });

  it('locates expressions that do not parse, unknown names and fields, and reserved ids', async () => {
    const error = await rejection(
      load(
        TWO_STAGES.replace('intent.parsed.confidence < 0.7', 'intent.parsed.confidence <')
          .replace('intent: intent.parsed.intent', 'intent: intnet.parsed.intent')
          .replace('output: reply.parsed.reply', 'output: reply.parsd.reply'),
      ),
    );
    expect(issueLines(error)).toEqual([
      '13 stages[0].rules[0].if: invalid expression: "intent.parsed.confidence <" is not one expression: check for a missing operator or operand',
      '18 stages[1].variables.intent: intnet.parsed.intent: unknown name "intnet"; use input or intent; did you mean "intent"?',
      '19 output: reply.parsd.reply: a stage result has output, parsed, status, confidence, decision, reason; did you mean "parsed"?',
    ]);
    const reserved = await rejection(
      load(TWO_STAGES.replace('id: reply', 'id: input').replace('reply.parsed.reply', 'intent.output')),
    );
    expect(issueLines(reserved)).toEqual(['15 stages[1].id: this name is reserved; choose another stage id']);
  });

  it('says a name: key must match the path', async () => {
    const error = await rejection(load(`name: other\n${TWO_STAGES}`));
    expect(issueLines(error)?.[0]).toMatch(/^1 name: name "other" does not match the file/);
  });

  it('converts to a JSON Schema for editors', () => {
    const schema = z.toJSONSchema(ChainContent, {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'any',
    });
    expect(schema).toMatchObject({ required: ['description', 'owner', 'input', 'stages', 'output'] });
  });
});

describe('the example customer-service chain', () => {
  const example = path.resolve(import.meta.dirname, '../../../../../examples/acme-support');

  it('loads, and passes each prompt exactly its declared variables, required ones included', async () => {
    const chain = await loadChainFile(example, 'chains/customer-service.yaml');
    expect(chain.content.stages.map((stage) => stage.prompt)).toEqual([
      'support/classify-intent',
      'support/gather-information',
      'support/generate-response',
    ]);
    for (const stage of chain.content.stages) {
      const prompt = await loadPromptFile(example, `prompts/${stage.prompt}.yaml`);
      const declared = prompt.content.variables!;
      const passed = Object.keys(stage.variables);
      expect(
        passed.filter((name) => !(name in declared.properties)),
        stage.id,
      ).toEqual([]);
      expect(
        (declared.required ?? []).filter((name) => !passed.includes(name)),
        stage.id,
      ).toEqual([]);
    }
  });
});
