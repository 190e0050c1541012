import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PromptopsError } from '../../errors/index.ts';
import { PromptContent } from '../content/index.ts';
import { checkFile, validateFile } from './validate-file.ts';
import { parseYamlDocument } from './yaml-document.ts';

const file = 'prompts/support/classify-intent.yaml';

function problems(text: string, schema: z.ZodType = PromptContent) {
  const check = checkFile(schema, parseYamlDocument(text, { file }));
  if (check.ok) throw new Error('expected problems');
  return check.issues;
}

const prompt = (extra: string) =>
  `description: Classify intent\nowner: support\nrisk: low\nmessages:\n  - role: user\n    content: hi\n${extra}`;

describe('checkFile', () => {
  it('names field path, line and column for a value out of range', () => {
    const issues = problems(prompt('model:\n  params:\n    temperature: 3\n'));
    expect(issues).toEqual([
      {
        message: 'Too big: expected number to be <=2',
        location: { file, line: 9, column: 5, field: 'model.params.temperature' },
      },
    ]);
  });

  it('names an unknown key on its own line and suggests the close known key', () => {
    const issues = problems(prompt('model:\n  params:\n    temprature: 0.5\n'));
    expect(issues).toEqual([
      {
        message: 'unknown key "temprature"; did you mean "temperature"?',
        location: { file, line: 9, column: 5, field: 'model.params.temprature' },
      },
    ]);
  });

  it('lists the allowed keys of a small map when nothing is close', () => {
    const [issue] = problems(prompt('sampling:\n  rate: 0.1\n  colour: blue\n'));
    expect(issue?.message).toBe('unknown key "colour"; expected one of: rate, assert, rubric');
    expect(issue?.location.line).toBe(9);
  });

  it('reports a wrong type with its field path and line', () => {
    const [issue] = problems(prompt('tags: security\n'));
    expect(issue).toEqual({
      message: 'Invalid input: expected array, received string',
      location: { file, line: 7, column: 1, field: 'tags' },
    });
  });

  it('reports every problem in one pass, a missing key at its parent', () => {
    const issues = problems('description: x\nrisk: hi\nmessages:\n  - role: user\n');
    expect(issues.map((issue) => [issue.location.line, issue.location.field, issue.message])).toEqual([
      [1, 'owner', 'missing required key "owner"'],
      [2, 'risk', 'Invalid option: expected one of "low"|"medium"|"high"; did you mean "high"?'],
      [4, 'messages[0].content', 'missing required key "content"'],
    ]);
  });

  it('explains an empty file and a file that is not a map', () => {
    expect(problems('# empty\n')[0]?.message).toBe(
      'expected a map of keys at the top level; the file is empty',
    );
    expect(problems('- a\n- b\n')[0]?.message).toBe('expected a map of keys at the top level; found array');
  });

  it('reports the problems of the alternative a union value resembles', () => {
    const Example = z.strictObject({ output: z.union([z.string(), z.strictObject({ label: z.string() })]) });
    expect(problems('output:\n  label: 3\n', Example)[0]).toMatchObject({
      message: 'Invalid input: expected string, received number',
      location: { line: 2, field: 'output.label' },
    });
    expect(problems('output: 3\n', Example)[0]?.message).toBe(
      'Invalid input: expected string or object, received number',
    );
  });
});

describe('validateFile', () => {
  it('throws one file_invalid error with the first location and all issues', () => {
    const document = parseYamlDocument(prompt('model: { params: { temperature: 3, top_p: 2 } }\n'), {
      file,
    });
    let caught: unknown;
    try {
      validateFile(PromptContent, document);
    } catch (error) {
      caught = error;
    }
    expect(PromptopsError.isInstance(caught)).toBe(true);
    const error = caught as PromptopsError;
    expect(error.code).toBe('file_invalid');
    expect(error.message).toContain('problems in prompts/support/classify-intent.yaml:');
    expect(error.message).toContain(
      `${file}:7:20 (model.params.temperature): Too big: expected number to be <=2`,
    );
    expect(error.message).toContain(`${file}:7:36 (model.params.top_p): Too big: expected number to be <=1`);
    expect(error.details.location).toMatchObject({ file, line: 7, column: 20 });
    expect(error.details.issues).toHaveLength(2);
  });

  it('returns the parsed value with defaults', () => {
    const value = validateFile(PromptContent, parseYamlDocument(prompt(''), { file }));
    expect(value.classification).toBe('internal');
  });
});
