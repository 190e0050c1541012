import { describe, expect, it } from 'vitest';
import type { Finding } from './detector.ts';
import { resolveOverlaps, scanText } from './scan-text.ts';

describe('scanText', () => {
  it('points findings at the original text after normalisation', () => {
    const original = 'Contact: j\u200Bohn@ex\u0430mple.com, card 4111 1111 1111 1111.';
    const { findings, truncated } = scanText(original);
    expect(truncated).toBe(false);
    expect(findings.map((finding) => [finding.type, finding.text])).toEqual([
      ['email', 'j\u200Bohn@ex\u0430mple.com'],
      ['payment-card', '4111 1111 1111 1111'],
    ]);
    for (const finding of findings) expect(original.slice(finding.start, finding.end)).toBe(finding.text);
  });

  it('raises scores with context words', () => {
    const plain = scanText('ref 123 456 782', { types: ['au-tfn'] }).findings[0]!;
    const withContext = scanText('my TFN is 123 456 782', { types: ['au-tfn'] }).findings[0]!;
    expect(withContext.score).toBeGreaterThan(plain.score);
  });

  it('keeps the card, not the phone, when they overlap', () => {
    const { findings } = scanText('4111111111111111', { types: ['payment-card', 'phone'] });
    expect(findings.map((finding) => finding.type)).toEqual(['payment-card']);
  });

  it('bounds the input and reports truncation', () => {
    const result = scanText(`${'x'.repeat(50)} a@example.com`, { maxChars: 40 });
    expect(result).toEqual({ findings: [], truncated: true, scannedChars: 40 });
  });

  it('filters by minimum score', () => {
    expect(scanText('ref 123 456 782', { types: ['au-tfn'], minScore: 0.8 }).findings).toEqual([]);
  });
});

describe('resolveOverlaps', () => {
  const finding = (start: number, end: number, score: number): Finding => ({
    type: 'email',
    start,
    end,
    score,
    text: '',
    detector: 'test',
  });

  it('prefers higher scores, then longer spans', () => {
    expect(resolveOverlaps([finding(0, 5, 0.5), finding(3, 8, 0.9), finding(10, 12, 0.1)])).toEqual([
      finding(3, 8, 0.9),
      finding(10, 12, 0.1),
    ]);
    expect(resolveOverlaps([finding(0, 4, 0.5), finding(0, 8, 0.5)])).toEqual([finding(0, 8, 0.5)]);
  });
});
