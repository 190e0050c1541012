import { describe, expect, it } from 'vitest';
import { rejection } from '../../../test/support/rejection.ts';
import { useFileLoader } from '../../../test/support/use-file-loader.ts';
import { loadFragmentFile } from './load-fragment-file.ts';

const file = 'fragments/support/persona.liquid';

const { load } = useFileLoader(file, loadFragmentFile);

describe('loadFragmentFile', () => {
  it('reads a fragment without front matter as all template', async () => {
    const fragment = await load('You are Acme support.\n');
    expect(fragment).toMatchObject({ kind: 'fragment', name: 'support/persona', file });
    expect(fragment.content).toEqual({ tags: [], template: 'You are Acme support.\n' });
  });

  it('reads front matter and keeps the template byte for byte', async () => {
    const fragment = await load('---\ndescription: Persona\ntags: [support]\n---\n---\nHello {{ name }}\r\n');
    expect(fragment.content).toEqual({
      description: 'Persona',
      tags: ['support'],
      template: '---\nHello {{ name }}\r\n',
    });
    expect(fragment.locate('template')).toEqual({ file, line: 5, column: 1, field: 'template' });
    expect(fragment.locate(['tags'])).toMatchObject({ line: 3, column: 1 });
  });

  it('names the file line of a front matter problem', async () => {
    const unknown = await rejection(load('---\ndescription: Persona\nonwer: support\n---\nHello\n'));
    expect(unknown.message).toBe(`${file}:3:1 (onwer): unknown key "onwer"; did you mean "owner"?`);
    const wrongType = await rejection(load('---\n\ntags: support\n---\nHello\n'));
    expect(wrongType.details.location).toMatchObject({ line: 3, field: 'tags' });
    const malformed = await rejection(load('---\ndescription: Persona\ntags: [a, b\n---\nHello\n'));
    expect(malformed.details.location?.line).toBeGreaterThanOrEqual(3);
    expect(malformed.message).toMatch(/^fragments\/support\/persona\.liquid:\d+:\d+: /);
  });

  it('rejects front matter that never closes and a template key in front matter', async () => {
    expect((await rejection(load('---\ndescription: Persona\nHello\n'))).message).toBe(
      `${file}:1:1: front matter opened with --- on line 1 is never closed by a --- line`,
    );
    expect((await rejection(load('---\ntemplate: x\n---\nHello\n'))).message).toContain(
      `${file}:2:1 (template): the template is the text after the front matter`,
    );
  });
});
