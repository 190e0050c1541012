import { describe, expect, it } from 'vitest';
import { LOOK_ALIKE_LETTERS } from '../look-alike-letters.ts';
import { normaliseText, toOriginalSpan } from './normalise-text.ts';

describe('normaliseText', () => {
  it('drops zero-width characters and keeps original offsets', () => {
    const original = 'mail a\u200Bl\u200Dice@example.com now';
    const normalised = normaliseText(original);
    expect(normalised.text).toBe('mail alice@example.com now');
    const start = normalised.text.indexOf('alice');
    const [from, to] = toOriginalSpan(normalised, start, start + 'alice@example.com'.length);
    expect(original.slice(from, to)).toBe('a\u200Bl\u200Dice@example.com');
  });

  it('maps Cyrillic and Greek look-alikes to Latin', () => {
    expect(normaliseText('\u0440\u0430ss\u0441\u043Ede \u0391\u0392\u039F').text).toBe('passcode ABO');
  });

  it('applies NFKC (full-width digits, ligatures)', () => {
    const original = '\uFF14\uFF11\uFF11\uFF11 \uFB01le';
    const normalised = normaliseText(original);
    expect(normalised.text).toBe('4111 file');
    // The ligature expands to two characters that both point at the one original character.
    expect(toOriginalSpan(normalised, 5, 7)).toEqual([5, 6]);
  });

  it('keeps surrogate pairs whole', () => {
    const normalised = normaliseText('\u{1F600}x');
    expect(toOriginalSpan(normalised, 2, 3)).toEqual([2, 3]);
  });

  it('returns ASCII text as it is, each unit at its own offset', () => {
    const normalised = normaliseText('Card 4111 1111 1111 1111, ok?');
    expect(normalised.text).toBe('Card 4111 1111 1111 1111, ok?');
    expect(normalised.starts).toEqual([...normalised.text].map((_, index) => index));
    expect(normalised.ends).toEqual([...normalised.text].map((_, index) => index + 1));
  });

  it('maps no ASCII character (the ASCII fast path relies on it)', () => {
    expect(Object.keys(LOOK_ALIKE_LETTERS).filter((letter) => letter.charCodeAt(0) < 0x80)).toEqual([]);
  });
});
