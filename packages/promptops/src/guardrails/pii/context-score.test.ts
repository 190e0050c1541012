import { describe, expect, it } from 'vitest';
import { contextBefore, sentenceBefore, startOfWordPattern } from './context-score.ts';

describe('contextBefore', () => {
  const phoneWords = startOfWordPattern(['phone', 'call']);

  it('looks only at the same sentence before the span', () => {
    const text = 'Phone: 020 4323 7538! it failed at 1733405049';
    expect(contextBefore(text, text.indexOf('1733'), phoneWords)).toBe(false);
    expect(contextBefore('call me on 1733405049', 11, phoneWords)).toBe(true);
    expect(sentenceBefore('Done. Then call 123', 16)).toBe('Then call ');
  });

  it('matches words at their start only', () => {
    const ipWords = startOfWordPattern(['ip']);
    expect(contextBefore('we ship 10.0.0.1', 8, ipWords)).toBe(false);
    expect(contextBefore('my IP is 10.0.0.1', 9, ipWords)).toBe(true);
  });
});
