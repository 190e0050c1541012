import { describe, expect, it } from 'vitest';
import { countWords, splitSentences } from './length-limits.ts';
import { grade } from './test-fixtures.ts';

describe('length limits', () => {
  it('max-chars counts code points', async () => {
    expect((await grade({ type: 'max-chars', value: 3 }, 'ab😀')).pass).toBe(true);
    expect((await grade({ type: 'max-chars', value: 3 }, 'abcd')).reason).toBe(
      'expected at most 3 chars, found 4 chars',
    );
    expect((await grade({ type: 'not-max-chars', value: 3 }, 'abcd')).pass).toBe(true);
  });

  it('max-words counts runs of non-space', async () => {
    expect(countWords('  one two\nthree  ')).toBe(3);
    expect((await grade({ type: 'max-words', value: 3 }, 'one two three')).pass).toBe(true);
    expect((await grade({ type: 'max-words', value: 2 }, 'one two three')).reason).toBe(
      'expected at most 2 words, found 3 words',
    );
    expect((await grade({ type: 'not-max-words', value: 2 }, 'one two three')).pass).toBe(true);
  });

  it('max-sentences splits on end marks followed by space', async () => {
    expect(splitSentences('Hi there! How are you? Fine. Version 2.5 is out')).toHaveLength(4);
    expect(splitSentences('No end mark')).toHaveLength(1);
    expect((await grade({ type: 'max-sentences', value: 2 }, 'One. Two.')).pass).toBe(true);
    expect((await grade({ type: 'max-sentences', value: 2 }, 'One. Two. Three.')).pass).toBe(false);
    expect((await grade({ type: 'not-max-sentences', value: 2 }, 'One. Two. Three.')).pass).toBe(true);
  });
});
