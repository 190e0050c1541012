import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { rejection } from '../../../test/support/rejection.ts';
import { useFileLoader } from '../../../test/support/use-file-loader.ts';
import { loadPromptFile } from './load-prompt-file.ts';
import { MAX_FILE_BYTES } from './read-text-file.ts';

const file = 'prompts/support/classify-intent.yaml';
const header = 'description: Classify intent\nowner: support\nrisk: medium\n';
const messages = 'messages:\n  - role: user\n    content: "{{ message }}"\n';

const { load } = useFileLoader(file, loadPromptFile);

describe('loadPromptFile', () => {
  it('names the prompt by its path under prompts/ and locates fields', async () => {
    const prompt = await load(`${header}${messages}`);
    expect(prompt).toMatchObject({ kind: 'prompt', name: 'support/classify-intent', file });
    expect(prompt.content).toMatchObject({ risk: 'medium', classification: 'internal', tags: [] });
    expect(prompt.locate('messages[0].content')).toEqual({
      file,
      line: 6,
      column: 5,
      field: 'messages[0].content',
    });
  });

  it('accepts a name key equal to the path and rejects one that differs', async () => {
    expect((await load(`name: support/classify-intent\n${header}${messages}`)).name).toBe(
      'support/classify-intent',
    );
    const error = await rejection(load(`${header}name: support/triage\n${messages}`));
    expect(error.code).toBe('file_invalid');
    expect(error.message).toBe(
      `${file}:4:1 (name): name "support/triage" does not match the file: ${file} holds the prompt "support/classify-intent" (the name is the path under prompts/)`,
    );
  });

  it('rejects a path that is not a valid name', async () => {
    const error = await rejection(load(`${header}${messages}`, 'prompts/Support/Classify Intent.yaml'));
    expect(error.message).toMatch(
      /^prompts\/Support\/Classify Intent\.yaml: the path makes the prompt name .* not a valid name/,
    );
  });

  it('names a tool declared twice, arguments that are not an object, and a broken argument schema by line', async () => {
    const tools = [
      'tools:',
      '  - { name: lookup_order, description: d, side_effect: read, parameters: { type: object } }',
      '  - { name: lookup_order, description: d, side_effect: read, parameters: { type: string } }',
      '  - name: issue_refund',
      '    description: d',
      '    side_effect: irreversible',
      '    parameters: { type: object, properties: { amount: { type: number, minimun: 0 } } }',
      '',
    ].join('\n');
    const duplicate = await rejection(load(`${header}${messages}${tools}`));
    const text = stripVTControlCharacters(duplicate.message);
    expect(text).toContain(`${file}:9:7 (tools[1].name): "lookup_order" is declared twice`);
    expect(text).toContain('(tools[1].parameters.type): tool arguments are a JSON object');
    const broken = await rejection(
      load(`${header}${messages}${tools.replace(/\n {2}- \{ name: lookup_order.*type: string \} \}/, '')}`),
    );
    expect(broken.details.location).toMatchObject({
      file,
      line: 12,
      field: 'tools[1].parameters.properties.amount.minimun',
    });
    expect(broken.message).toContain('minimun');
  });

  it('reports a broken variables JSON Schema with its line', async () => {
    const variables = 'variables:\n  type: object\n  properties:\n    message:\n      type: strng\n';
    const error = await rejection(load(`${header}${variables}${messages}`));
    expect(error.details.location).toEqual({
      file,
      line: 8,
      column: 7,
      field: 'variables.properties.message.type',
    });
    expect(error.message).toContain('invalid JSON Schema: "type" must be one of: array, boolean, integer');
  });

  it('names an unknown JSON Schema keyword, a required property that does not exist, and a pattern the linear-time engine refuses', async () => {
    const variables = [
      'variables:',
      '  type: object',
      '  required: [message]',
      '  properties:',
      '    message: { type: string, maxLenght: 2000 }',
      '',
    ].join('\n');
    const misspelt = await rejection(load(`${header}${variables}${messages}`));
    expect(misspelt.message).toBe(
      `${file}:8:30 (variables.properties.message.maxLenght): invalid JSON Schema: unknown keyword: "maxLenght"; did you mean "maxLength"?`,
    );
    const withLocale = variables.replace(', maxLenght: 2000', '').replace('[message]', '[message, locale]');
    const required = await rejection(load(`${header}${withLocale}${messages}`));
    expect(required.message).toBe(
      `${file}:6:3 (variables.required): invalid JSON Schema: required property "locale" is not defined`,
    );
    const output =
      'output:\n  format: json\n  schema:\n    type: object\n    properties:\n      code: { type: string, pattern: "^(?=a)[a-z]+$" }\n';
    const unsafe = await rejection(load(`${header}${messages}${output}`));
    expect(unsafe.details.location).toMatchObject({
      line: 12,
      field: 'output.schema.properties.code.pattern',
    });
    expect(unsafe.message).toMatch(/pattern "\^\(\?=a\)\[a-z\]\+\$" uses lookahead or lookbehind/);
  });

  it('checks the sampling assertions as suites check theirs, each at its line', async () => {
    const sampling = [
      'sampling:',
      '  rate: 0.05',
      '  assert:',
      '    - { type: max-words, value: 80 }',
      '    - { type: max-wrods, value: 80 }',
      '    - { type: status, value: broken }',
      '  rubric: Polite and on topic.',
      '',
    ].join('\n');
    const error = await rejection(load(`${header}${messages}${sampling}`));
    expect(error.code).toBe('file_invalid');
    expect(error.details.issues).toEqual([
      {
        message: 'type "max-wrods" is unknown; did you mean "max-words"?',
        location: { file, line: 11, column: 9, field: 'sampling.assert[1].type' },
      },
      {
        message: 'value "broken" is not a status (ok, uncertain, escalated, blocked, failed)',
        location: { file, line: 12, column: 23, field: 'sampling.assert[2].value' },
      },
    ]);
    const fixed = sampling.replace('max-wrods', 'max-chars').replace('broken', '[ok, escalated]');
    expect((await load(`${header}${messages}${fixed}`)).content.sampling).toEqual({
      rate: 0.05,
      assert: [
        { type: 'max-words', value: 80 },
        { type: 'max-chars', value: 80 },
        { type: 'status', value: ['ok', 'escalated'] },
      ],
      rubric: 'Polite and on topic.',
    });
  });

  it('reports schema problems and a name mismatch together', async () => {
    const error = await rejection(load(`name: other\ndescription: x\nowner: y\nrisk: severe\n${messages}`));
    expect(error.details.issues?.map((issue) => issue.location?.field)).toEqual(['name', 'risk']);
  });

  it('refuses a file over the size limit without parsing it', async () => {
    const error = await rejection(load(`${header}${messages}# ${'x'.repeat(MAX_FILE_BYTES)}\n`));
    expect(error.message).toMatch(
      /^prompts\/support\/classify-intent\.yaml: the file is \d+ bytes; project files are at most 1000000$/,
    );
  });
});
