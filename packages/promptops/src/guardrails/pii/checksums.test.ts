import { describe, expect, it } from 'vitest';
import { passesAbnChecksum, passesLuhn, passesMod97, passesTfnChecksum } from './checksums.ts';

describe('checksums', () => {
  it('Luhn', () => {
    expect(passesLuhn('4111 1111 1111 1111')).toBe(true);
    expect(passesLuhn('4111 1111 1111 1112')).toBe(false);
  });
  it('IBAN mod 97', () => {
    expect(passesMod97('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(passesMod97('GB82 WEST 1234 5698 7654 33')).toBe(false);
  });
  it('TFN weights', () => {
    expect(passesTfnChecksum('123 456 782')).toBe(true);
    expect(passesTfnChecksum('123 456 789')).toBe(false);
  });
  it('ABN weights', () => {
    expect(passesAbnChecksum('51 824 753 556')).toBe(true);
    expect(passesAbnChecksum('51 824 753 557')).toBe(false);
  });
});
