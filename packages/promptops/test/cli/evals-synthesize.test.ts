import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSuites } from '../../src/evaluation/suites/index.ts';
import { cli } from './cli-harness.ts';
import { useCliScratch } from './use-cli-scratch.ts';

const WRITER = 'You write test variants for an evaluation suite.';

/**
 * The writing model, scripted: good JSON for "charged", the same texts again for "fee" (repeats),
 * two usable texts among bad ones for "jacket", prose for anything else.
 */
const SCRIPT = `
rules:
  - match: { system: "${WRITER}", lastUserMessage: charged }
    reply: { json: { variants: ["They billed me two times for one order.", "Why is the same payment on my card twice?"] } }
  - match: { system: "${WRITER}", lastUserMessage: fee }
    reply: { json: { variants: ["They billed me two times for one order.", "  why is the SAME payment on my card twice? "] } }
  - match: { system: "${WRITER}", lastUserMessage: jacket }
    reply:
      text: "\`\`\`json\\n{\\"variants\\": [\\"How do I return this jacket?\\", \\"\\", 7, \\"Can I send the jacket back for a refund?\\", \\"One more\\", \\"And another\\"]}\\n\`\`\`"
  - match: { system: "${WRITER}" }
    reply: Sure! Here are a few variants you could try.
`;

const SUITE = `
description: Intents for typical messages.
target: { prompt: support/classify-intent }
kind: unit
class_path: $.intent
defaults:
  variables: { channel: email }
  assert: [{ type: is-json }]
cases:
  - id: twice
    expected_class: billing
    tags: [core]
    variables: { customer_message: "I was charged twice." }
    assert: [{ type: json-path, path: $.intent, equals: billing }]
  - { id: fee, expected_class: billing, variables: { customer_message: "There is a fee I don't know." } }
  - { id: jacket, expected_class: returns, variables: { customer_message: "How do I return this jacket?" } }
  - { id: parcel, expected_class: order_tracking, variables: { customer_message: "Where is my parcel?" } }
`;

const OUTPUT = 'evals/support/small.synthesized.jsonl';

describe('promptops evals synthesize: a configured model writes case variants for review', () => {
  const scratch = useCliScratch('synthesize', {
    push: true,
    beforePush: async (project) => {
      await writeFile(join(project, 'evals', 'support', 'small.yaml'), SUITE);
      await writeFile(join(project, 'writer.yaml'), SCRIPT);
    },
  });
  const run = (...argv: string[]) => cli(argv, { cwd: scratch.project, dataDir: scratch.dataDir });
  const synthesize = (...argv: string[]) =>
    run('evals', 'synthesize', 'support/small', '--count', '2', '--scripted-model', 'writer.yaml', ...argv);
  const lines = async () =>
    (await readFile(join(scratch.project, OUTPUT), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));

  beforeAll(async () => {
    expect((await run('list')).code).toBe(0);
  });

  it('writes checked variants to a case file beside the suite, never into the suite', async () => {
    const suiteBefore = await readFile(join(scratch.project, 'evals/support/small.yaml'), 'utf8');
    const result = await synthesize();
    expect(result.stderr).toContain('replies are scripted');
    expect(result.stderr).toContain('asking openai/gpt-4o-mini for 2 paraphrase variant(s) of each case');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`wrote 4 case(s) for 4 case(s) of support/small to ${OUTPUT}`);
    expect(result.stdout).toContain('cases_from: [small.synthesized.jsonl]');
    // Every refusal is named with its case.
    expect(result.stderr).toContain('fee: variant 1 repeats one already written');
    expect(result.stderr).toContain('fee: variant 2 repeats one already written');
    expect(result.stderr).toContain('jacket: variant 1 is the original text');
    expect(result.stderr).toContain('jacket: variant 2 is not a non-empty string');
    expect(result.stderr).toContain('jacket: variant 6 is more than the 2 asked for');
    expect(result.stderr).toContain(
      'parcel: the answer is not JSON: "Sure! Here are a few variants you could try."',
    );

    const written = await lines();
    expect(written.map((spec) => spec.id)).toEqual([
      'twice.para-1',
      'twice.para-2',
      'jacket.para-1',
      'jacket.para-2',
    ]);
    // The case's own assertions, class and tags; the suite's defaults are left to cases_from.
    expect(written[0]).toEqual({
      id: 'twice.para-1',
      description:
        'paraphrase 1 of twice (customer_message), written by openai/gpt-4o-mini: review before use',
      variables: { customer_message: 'They billed me two times for one order.' },
      assert: [{ type: 'json-path', path: '$.intent', equals: 'billing' }],
      tags: ['core', 'synthetic', 'synthetic:model', 'synthetic:paraphrase'],
      expected_class: 'billing',
    });
    expect(written[2]).toMatchObject({
      variables: { customer_message: 'Can I send the jacket back for a refund?' },
      assert: [],
      expected_class: 'returns',
    });
    expect(await readFile(join(scratch.project, 'evals/support/small.yaml'), 'utf8')).toBe(suiteBefore);
    const [suite] = await loadSuites(scratch.project, ['evals/support/small.yaml']);
    expect(suite!.cases).toHaveLength(4);

    // Once a person adds the file, the variants load as cases with the defaults applied once.
    await writeFile(
      join(scratch.project, 'evals/support/small.yaml'),
      `${suiteBefore}cases_from: [small.synthesized.jsonl]\n`,
    );
    try {
      const [reviewed] = await loadSuites(scratch.project, ['evals/support/small.yaml']);
      expect(reviewed!.cases).toHaveLength(8);
      expect(reviewed!.cases[4]).toMatchObject({
        id: 'twice.para-1',
        variables: { customer_message: 'They billed me two times for one order.', channel: 'email' },
        assert: [{ type: 'is-json' }, { type: 'json-path', path: '$.intent', equals: 'billing' }],
        expectedClass: 'billing',
      });
    } finally {
      await writeFile(join(scratch.project, 'evals/support/small.yaml'), suiteBefore);
    }
  });

  it('keeps a file a person may be reviewing unless told --force', async () => {
    const before = await readFile(join(scratch.project, OUTPUT), 'utf8');
    const again = await synthesize('--json');
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout).error).toMatchObject({
      code: 'invalid_argument',
      details: { parameter: 'output' },
    });
    expect(again.stdout).toContain('--force');
    expect(await readFile(join(scratch.project, OUTPUT), 'utf8')).toBe(before);

    const forced = await synthesize('--force', '--style', 'adversarial', '--json');
    expect(forced.code).toBe(0);
    const summary = JSON.parse(forced.stdout);
    expect(summary).toMatchObject({ suite: 'support/small', file: OUTPUT, asked: 4, written: 4 });
    expect((await lines()).map((spec) => spec.id)).toEqual([
      'twice.adv-1',
      'twice.adv-2',
      'jacket.adv-1',
      'jacket.adv-2',
    ]);
    expect((await lines())[0].tags).toContain('synthetic:adversarial');
  });

  it('sends cases only to a model policies.yaml allows for the prompt’s data, and writes nothing unusable', async () => {
    // support/classify-intent is confidential; policies.yaml allows five models for it.
    const refused = await synthesize(
      '--model',
      'openai/gpt-4.1-nano',
      '--output',
      'evals/nano.jsonl',
      '--json',
    );
    expect(refused.code).toBe(7);
    expect(JSON.parse(refused.stdout).error.code).toBe('policy_refused');
    expect(refused.stdout).toContain('openai/gpt-4.1-nano is not allowed for confidential data');

    await writeFile(join(scratch.project, 'prose.yaml'), 'rules:\n  - reply: Happy to help with variants!\n');
    const prose = await run(
      'evals',
      'synthesize',
      'support/small',
      '--output',
      'evals/none.jsonl',
      '--scripted-model',
      'prose.yaml',
      '--json',
    );
    expect(prose.code).toBe(8);
    expect(JSON.parse(prose.stdout).error.code).toBe('output_invalid');
    await expect(readFile(join(scratch.project, 'evals/none.jsonl'), 'utf8')).rejects.toThrow(/ENOENT/);

    const badCount = await synthesize('--count', '0', '--output', 'evals/x.jsonl');
    expect(badCount.code).toBe(2);
    expect(badCount.stderr).toContain('--count must be a whole number from 1 to 20');
    const notJsonl = await synthesize('--output', 'evals/x.yaml');
    expect(notJsonl.code).toBe(2);
  });
});
