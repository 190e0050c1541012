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

describe('numbers shaped like cards, SSNs, dates or timestamps are not phones (bench/pii-eval.ts hard negatives)', () => {
  it('rejects 4-4-4-4 groups, the SSN shape and ISO dates', () => {
    expect(phones('member no. 4916 7701 8790 5590')).toEqual([]);
    expect(phones('call about voucher 4916-7701-8790-5590')).toEqual([]);
    expect(phones('claim 666-08-3614 was closed, call me')).toEqual([]);
    expect(phones('call me on 2024-01-02')).toEqual([]);
  });

  it('rejects bare 10-digit numbers from 15… to 19… unless a phone word is in the same sentence', () => {
    expect(phones('it failed at 1733405049')).toEqual([]);
    expect(phones('Phone: 020 4323 7538! it failed at 1733405049?')).toEqual(['020 4323 7538']);
    expect(phones('call me on 1733405049')).toEqual(['1733405049']);
  });

  it('keeps phone-shaped numbers near those shapes', () => {
    expect(phones('call 212-555-0123')).toEqual(['212-555-0123']);
    expect(phones('phone 4916-7701-8790')).toEqual(['4916-7701-8790']);
    expect(phones('call +61 410 389 928.')).toEqual(['+61 410 389 928']);
  });
});
