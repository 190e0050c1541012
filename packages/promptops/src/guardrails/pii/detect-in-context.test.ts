import { describe, expect, it } from 'vitest';
import { scanText } from './scan-text.ts';

const birthDates = (text: string) =>
  scanText(text, { types: ['date-of-birth'], minScore: 0.5 }).findings.map((finding) => finding.text);

describe('dates of birth (bench/pii-eval.ts missed "my birthday is 7 September 2000")', () => {
  it('finds a date a few words after a birth word', () => {
    expect(birthDates('my birthday is 7 September 2000')).toEqual(['7 September 2000']);
    expect(birthDates('I was born in Leeds on 3 March 1985')).toEqual(['3 March 1985']);
    expect(birthDates('DOB 1985-03-03')).toEqual(['1985-03-03']);
    expect(birthDates('date of birth: 03/04/1979')).toEqual(['03/04/1979']);
    expect(birthDates('D.O.B. 03/04/1979')).toEqual(['03/04/1979']);
    expect(birthDates('MY BIRTHDAY IS APRIL 20, 1964!')).toEqual(['APRIL 20, 1964']);
  });

  it('scores a date right after the word higher than one a few words later', () => {
    expect(scanText('DOB: 14/03/1985').findings[0]?.score).toBe(0.85);
    expect(scanText('my birthday is 14/03/1985').findings[0]?.score).toBe(0.75);
  });

  it('ignores dates without a birth word, in another sentence, or past another date', () => {
    expect(birthDates('order placed on 3 March 2024')).toEqual([]);
    expect(birthDates('delivered 2024-01-02')).toEqual([]);
    expect(birthDates('I was born. The order was placed on 3 March 2024')).toEqual([]);
    expect(birthDates('born in 1985, order placed on 3 March 2024')).toEqual([]);
    expect(birthDates('my birthday present, which I ordered from the shop, arrived on 3 March 2024')).toEqual(
      [],
    );
  });

  it('does not read a date inside an IP address or version string', () => {
    expect(birthDates('born 10.0.0.12 ago')).toEqual([]);
  });
});
