import { describe, expect, it } from 'vitest';
import { scanText } from './scan-text.ts';

const ibans = (text: string) =>
  scanText(text, { types: ['iban'], minScore: 0.5 }).findings.map((finding) => finding.text);

describe('IBANs in all-caps text (bench/pii-eval.ts missed "SEND IT TO ES47… PLEASE")', () => {
  it('finds an IBAN followed by a capitalised word, compact or grouped', () => {
    expect(ibans('SEND IT TO ES4731170056512090154890 PLEASE')).toEqual(['ES4731170056512090154890']);
    expect(ibans('SEND IT TO ES74 2722 6612 6707 5351 9916 PLEASE')).toEqual([
      'ES74 2722 6612 6707 5351 9916',
    ]);
    expect(scanText('PAY GB82WEST12345698765432 NOW').findings[0]?.score).toBe(0.9);
  });

  it('still needs mod 97 and a word boundary after the country length', () => {
    expect(ibans('PAY GB82WEST12345698765433 NOW')).toEqual([]);
    expect(ibans('REF GB82WEST12345698765432X')).toEqual([]);
  });
});
