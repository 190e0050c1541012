import { describe, expect, it } from 'vitest';
import { scanText } from './scan-text.ts';

const addresses = (text: string) =>
  scanText(text, { types: ['street-address'], minScore: 0.5 }).findings.map((finding) => finding.text);

describe('street addresses with unit, city, region and postcode', () => {
  it('extends the street line over what follows on the same or the next line', () => {
    expect(addresses('Please ship it to 6787 Maple Avenue, Columbus, OH 43254.')).toEqual([
      '6787 Maple Avenue, Columbus, OH 43254',
    ]);
    expect(addresses('New delivery address: Flat 5, 171 Mill Road, Manchester M14 3LQ')).toEqual([
      'Flat 5, 171 Mill Road, Manchester M14 3LQ',
    ]);
    expect(addresses('I live at Unit 21/34 Bourke Street, Perth WA 6000 and')).toEqual([
      'Unit 21/34 Bourke Street, Perth WA 6000',
    ]);
    expect(addresses('Address: 492 Sunset Boulevard, Apt 24B, Springfield, IL 62726; Phone')).toEqual([
      '492 Sunset Boulevard, Apt 24B, Springfield, IL 62726',
    ]);
    expect(addresses('Send it to:\n12 Oak Road\nLeeds LS6 2QT')).toEqual(['12 Oak Road\nLeeds LS6 2QT']);
  });

  it('accepts a street without a suffix word only with address context and a postcode', () => {
    expect(addresses('My address is 243 Kingsway, Vancouver, BC V5H 2A1')).toEqual([
      '243 Kingsway, Vancouver, BC',
    ]);
    expect(addresses('Ship to 243 Kingsway, London WC2B 6NH please')).toEqual([
      '243 Kingsway, London WC2B 6NH',
    ]);
    expect(addresses('We sold 243 Kingsway, London WC2B 6NH tickets')).toEqual([]);
    expect(addresses('Order 243 Widgets, Leeds LS6 2QT')).toEqual([]);
  });

  it('does not swallow a sign-off after the street', () => {
    expect(addresses('I live at 12 Oak Road, Thanks')).toEqual(['12 Oak Road']);
  });
});
