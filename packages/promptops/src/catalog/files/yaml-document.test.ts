import { describe, expect, it } from 'vitest';
import { PromptopsError } from '../../errors/index.ts';
import { parseYamlDocument } from './yaml-document.ts';

const file = 'prompts/support/classify-intent.yaml';

function failure(text: string, firstLine?: number): PromptopsError {
  try {
    parseYamlDocument(text, { file, ...(firstLine ? { firstLine } : {}) });
  } catch (error) {
    if (PromptopsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the YAML to be rejected');
}

describe('parseYamlDocument', () => {
  const text = [
    'description: Classify intent',
    'model:',
    '  params:',
    '    temperature: 0.2',
    'messages:',
    '  - role: system',
    '    content: You classify.',
    '  - role: user',
    '    content: |',
    '      {{ message }}',
    '',
  ].join('\n');

  it('maps value paths to the line and column of their key or list item', () => {
    const document = parseYamlDocument(text, { file });
    expect(document.data).toMatchObject({ model: { params: { temperature: 0.2 } } });
    expect(document.locate(['model', 'params', 'temperature'])).toEqual({
      file,
      line: 4,
      column: 5,
      field: 'model.params.temperature',
    });
    expect(document.locate('messages[1].content')).toEqual({
      file,
      line: 9,
      column: 5,
      field: 'messages[1].content',
    });
    expect(document.locate(['messages', 1])).toMatchObject({ line: 8, column: 5 });
  });

  it('stops at the nearest present value when the path leaves the file', () => {
    const document = parseYamlDocument(text, { file });
    expect(document.locate(['model', 'params', 'top_p'])).toMatchObject({
      line: 3,
      column: 3,
      field: 'model.params.top_p',
    });
    expect(document.locate(['messages', 7, 'content'])).toMatchObject({ line: 5, column: 1 });
  });

  it('names file, line, column and the reason for malformed YAML', () => {
    const error = failure('description: ok\nmessages: [one, two\nowner: me\n');
    expect(error.code).toBe('file_invalid');
    expect(error.message).toMatch(/^prompts\/support\/classify-intent\.yaml:\d+:\d+: .*(flow|\])/i);
    expect(error.message).not.toContain('\n\n');
    expect(error.details.location).toMatchObject({
      file,
      line: expect.any(Number),
      column: expect.any(Number),
    });
  });

  it('rejects a duplicate key at the line of the second one', () => {
    const error = failure('owner: a\nrisk: low\nowner: b\n');
    expect(error.message).toBe(`${file}:3:1: duplicate key "owner": keys must be unique`);
  });

  it('rejects a second document in one file', () => {
    const error = failure('owner: a\n---\nowner: b\n');
    expect(error.message).toContain(`${file}:2:1: a second YAML document starts here`);
  });

  it('rejects unknown tags rather than reading them as text', () => {
    expect(failure('owner: !include team.yaml\n').message).toMatch(/^prompts\/.*:1:8: .*tag/i);
  });

  it('allows anchors but bounds alias expansion', () => {
    const document = parseYamlDocument('a: &text Hello\nb: *text\n', { file });
    expect(document.data).toEqual({ a: 'Hello', b: 'Hello' });
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [index, name] of ['b', 'c', 'd', 'e', 'f', 'g'].entries()) {
      const previous = index === 0 ? 'a' : ['b', 'c', 'd', 'e', 'f'][index - 1];
      laughs.push(
        `${name}: &${name} [*${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}]`,
      );
    }
    expect(failure(`${laughs.join('\n')}\n`).message).toMatch(/alias/i);
    expect(failure('a: *missing\n').message).toBe(
      `${file}:1:4: unknown alias *missing: define &missing before using it`,
    );
  });

  it('shifts line numbers for text cut from a bigger file', () => {
    const document = parseYamlDocument('owner: a\ntags: [x]\n', { file, firstLine: 2 });
    expect(document.locate(['tags'])).toMatchObject({ line: 3, column: 1 });
    expect(failure('owner: a\nowner: b\n', 2).details.location).toMatchObject({ line: 3 });
  });

  it('reads an empty file as null', () => {
    expect(parseYamlDocument('# nothing yet\n', { file }).data).toBeNull();
  });
});
