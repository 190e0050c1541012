import { describe, expect, it } from 'vitest';
import { findCommitments } from './find-commitments.ts';
import { findTerms } from './find-terms.ts';

describe('findTerms', () => {
  it('matches whole words case-insensitively, with offsets into the original text', () => {
    const text = 'Unlike GLOBEX, we ship free. Globex\u2019s prices differ.';
    expect(findTerms(text, ['Globex'])).toEqual([
      { start: 7, end: 13, label: 'Globex' },
      { start: 29, end: 35, label: 'Globex' },
    ]);
  });

  it('does not match inside longer words', () => {
    expect(findTerms('globexical initechnology', ['Globex', 'Initech'])).toEqual([]);
  });

  it('matches multi-word phrases across line breaks', () => {
    expect(findTerms('your full refund\nis on its way', ['full refund is on its way'])).toHaveLength(1);
  });
});

describe('findCommitments', () => {
  it.each([
    ['Good news: your refund has been approved.', 'refund-promise'],
    ["We'll refund you in full today.", 'refund-promise'],
    ['I have issued a refund to your card.', 'refund-promise'],
    ["I'll apply a $20 credit to your account.", 'credit-or-compensation'],
    ['We guarantee delivery by Friday.', 'guarantee'],
    ['Yes, this is completely safe to use around children.', 'legal-or-safety-assurance'],
  ])('flags %j', (text, kind) => {
    expect(findCommitments(text).map((span) => span.label)).toContain(kind);
  });

  it.each([
    'Refunds are reviewed by our returns team within 5 business days.',
    'I can ask our billing team to review the charge.',
    'Our guarantee terms are on the warranty page.',
    'Is it safe? Please check the product manual or contact us.',
  ])('leaves %j alone', (text) => {
    expect(findCommitments(text)).toEqual([]);
  });
});
