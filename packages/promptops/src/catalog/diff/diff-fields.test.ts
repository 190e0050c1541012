import { describe, expect, it } from 'vitest';
import { diffFields } from './diff-fields.ts';

describe('diffFields', () => {
  it('names each changed leaf by its path', () => {
    const before = {
      model: { params: { temperature: 0.3 } },
      tags: ['a'],
      system: { constraints: ['x', 'y'] },
    };
    const after = {
      model: { params: { temperature: 0.7 } },
      tags: ['a', 'b'],
      system: { constraints: ['x'] },
    };
    expect(diffFields(before, after)).toEqual([
      { field: 'model.params.temperature', change: 'changed', before: 0.3, after: 0.7 },
      { field: 'tags[1]', change: 'added', after: 'b' },
      { field: 'system.constraints[1]', change: 'removed', before: 'y' },
    ]);
  });

  it('gives a line diff for multi-line text', () => {
    const [change] = diffFields({ text: 'one\ntwo\nthree' }, { text: 'one\n2\nthree' });
    expect(change?.lines).toEqual(['  one', '- two', '+ 2', '  three']);
  });

  it('finds nothing between equal contents in any key order', () => {
    expect(diffFields({ a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1 })).toEqual([]);
  });
});

describe('lineDiff', () => {
  it('keeps three lines of context around a change and folds the rest', async () => {
    const { lineDiff } = await import('./diff-fields.ts');
    const before = Array.from({ length: 12 }, (_, index) => `line ${index + 1}`).join('\n');
    const after = before.replace('line 6', 'line six');
    expect(lineDiff(before, after)).toEqual([
      '  ⋯ 2 unchanged lines',
      '  line 3',
      '  line 4',
      '  line 5',
      '- line 6',
      '+ line six',
      '  line 7',
      '  line 8',
      '  line 9',
      '  ⋯ 3 unchanged lines',
    ]);
  });
});
