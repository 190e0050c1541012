import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempProject } from '../../../test/support/use-temp-project.ts';
import { canonicalJson, type FragmentContent, type PromptContent } from '../content/index.ts';
import { listProjectFiles } from './list-project-files.ts';
import { parseExampleBankFile } from './load-example-bank-file.ts';
import { parseFragmentFile } from './load-fragment-file.ts';
import { parsePromptFile } from './load-prompt-file.ts';
import type { LoadedArtifact } from './loaded-artifact.ts';
import { readProject } from './read-project.ts';
import { renderArtifactFile, writeArtifactFiles } from './write-project.ts';

const PARSERS = {
  prompt: parsePromptFile,
  fragment: parseFragmentFile,
  'example-bank': parseExampleBankFile,
};

function reparse(artifact: Pick<LoadedArtifact, 'kind' | 'name' | 'content'>): LoadedArtifact {
  const { file, text } = renderArtifactFile(artifact);
  return PARSERS[artifact.kind](text, file);
}

const prompt = {
  description: 'Classify intent.\nSecond line of purpose.\n',
  owner: 'support',
  risk: 'medium',
  tags: [],
  classification: 'confidential',
  variables: {
    type: 'object',
    required: ['message'],
    properties: { message: { maxLength: 4000, type: 'string', description: 'Untrusted.' } },
  },
  messages: [
    { role: 'system', content: 'You classify.\n\n  Indented line\ntrailing space \n' },
    { role: 'user', content: '{{ message }}' },
  ],
  model: { params: { temperature: 0 }, route: 'classification' },
  output: { format: 'json', schema: { type: 'object' }, retries: 2 },
} satisfies PromptContent;

describe('renderArtifactFile', () => {
  it('writes schema order, block scalars and the editor schema line', () => {
    const sorted = JSON.parse(canonicalJson(prompt)) as PromptContent;
    const { file, text } = renderArtifactFile({
      kind: 'prompt',
      name: 'support/classify-intent',
      content: sorted,
    });
    expect(file).toBe('prompts/support/classify-intent.yaml');
    expect(text.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../node_modules/promptops/schemas/prompt.schema.json',
    );
    expect([...text.matchAll(/^(\w+):/gm)].map((match) => match[1])).toEqual([
      'description',
      'owner',
      'risk',
      'classification',
      'variables',
      'messages',
      'model',
      'output',
    ]);
    expect(text).toContain('description: |\n  Classify intent.\n');
    expect(text).toContain('      type: string\n      maxLength: 4000\n      description: Untrusted.\n');
    expect(text).toContain('model:\n  route: classification\n  params:\n');
  });

  it('points the schema line at a given folder or URL', () => {
    const content = { tags: [], examples: [{ input: 'Hi', output: 'greeting' }] };
    const local = renderArtifactFile(
      { kind: 'example-bank', name: 'intents', content },
      { schemaDirectory: '../../packages/promptops/schemas' },
    );
    expect(local.text).toMatch(
      /^# yaml-language-server: \$schema=..\/..\/..\/packages\/promptops\/schemas\/example-bank.schema.json\n/,
    );
    const remote = renderArtifactFile(
      { kind: 'example-bank', name: 'intents', content },
      { schemaDirectory: 'https://example.com/schemas/' },
    );
    expect(remote.text.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=https://example.com/schemas/example-bank.schema.json',
    );
  });

  it('writes fragment front matter only when there is metadata', () => {
    const plain: FragmentContent = { tags: [], template: 'Hello {{ name }}\n' };
    expect(renderArtifactFile({ kind: 'fragment', name: 'greeting', content: plain })).toEqual({
      file: 'fragments/greeting.liquid',
      text: 'Hello {{ name }}\n',
    });
    const described: FragmentContent = { description: 'Greeting', tags: ['support'], template: 'Hello\n' };
    expect(renderArtifactFile({ kind: 'fragment', name: 'greeting', content: described }).text).toBe(
      '---\ndescription: Greeting\ntags:\n  - support\n---\nHello\n',
    );
  });

  it('round-trips prompts, fragments and example banks, including awkward text', () => {
    const artifacts: Pick<LoadedArtifact, 'kind' | 'name' | 'content'>[] = [
      { kind: 'prompt', name: 'support/classify-intent', content: prompt },
      { kind: 'fragment', name: 'rule', content: { tags: [], template: '---\nnot front matter\n' } },
      { kind: 'fragment', name: 'empty', content: { owner: 'x', tags: [], template: '' } },
      {
        kind: 'example-bank',
        name: 'intents',
        content: {
          tags: ['a'],
          examples: [{ input: 'yes', output: { intent: 'null', confidence: 0.9 }, notes: '#1: "quoted"' }],
        },
      },
    ];
    for (const artifact of artifacts) {
      expect(canonicalJson(reparse(artifact).content), artifact.name).toBe(canonicalJson(artifact.content));
    }
  });
});

describe('writeArtifactFiles', () => {
  const source = useTempProject({
    'promptops.yaml': 'project: { name: demo }\n',
    'prompts/support/triage.yaml': [
      '# yaml-language-server: $schema=../../schemas/prompt.schema.json',
      'owner: support',
      'description: >-',
      '  Folded text that',
      '  reads as one line.',
      'risk: low',
      'system:',
      '  role: You triage tickets.',
      '  constraints: [Never promise refunds.]',
      'messages:',
      '  - { role: user, content: "Ticket: {{ ticket }}" }',
      'variables: { type: object, properties: { ticket: { type: string } }, required: [ticket] }',
      '',
    ].join('\n'),
    'fragments/persona.liquid': '---\nowner: support\n---\nYou are {{ company_name }} support.\n',
    'fragments/plain.liquid': 'No front matter.',
    'examples/triage.yaml':
      'examples:\n  - input: Where is my order?\n    output: { intent: order_tracking }\n',
  });
  const target = useTempProject({ 'promptops.yaml': 'project: { name: copy }\n' });

  it('load → write → load gives equal content, and a second write changes nothing', async () => {
    const first = await readProject(source.root);
    expect(await writeArtifactFiles(target.root, first.artifacts)).toEqual([
      'prompts/support/triage.yaml',
      'fragments/persona.liquid',
      'fragments/plain.liquid',
      'examples/triage.yaml',
    ]);
    const second = await readProject(target.root);
    expect(
      second.artifacts.map((artifact) => canonicalJson([artifact.kind, artifact.name, artifact.content])),
    ).toEqual(
      first.artifacts.map((artifact) => canonicalJson([artifact.kind, artifact.name, artifact.content])),
    );
    expect(await writeArtifactFiles(target.root, second.artifacts)).toEqual([]);
  });

  it('round-trips every artifact of the example project', async () => {
    const example = path.resolve(import.meta.dirname, '../../../../../examples/acme-support');
    const { files } = await listProjectFiles(example);
    for (const { kind, file } of files) {
      const loaded = PARSERS[kind](await readFile(path.join(example, file), 'utf8'), file);
      expect(canonicalJson(reparse(loaded).content), file).toBe(canonicalJson(loaded.content));
    }
  });
});
