import { describe, expect, it } from 'vitest';
import { scanText } from './scan-text.ts';

const phones = (text: string) =>
  scanText(text, { types: ['phone'], minScore: 0.5 }).findings.map((finding) => finding.text);

describe('phone numbers need evidence (bench/pii-eval.ts found bare digit runs flagged as German phones)', () => {
  it('finds international numbers and numbers near a context word', () => {
    expect(phones('reach me on +44 20 7946 0958 today')).toEqual(['+44 20 7946 0958']);
    expect(phones('call me at 0151 496 0123')).toEqual(['0151 496 0123']);
  });

  it('does not act on ISBNs, bare order numbers or timestamps', () => {
    expect(phones('The book 978-3-16-148410-0 is back in stock')).toEqual([]);
    expect(phones('Order 7734019921 shipped')).toEqual([]);
    expect(phones('at 1733405049 the job ran')).toEqual([]);
  });
});
