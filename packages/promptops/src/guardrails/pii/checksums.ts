function digitsOf(value: string): number[] {
  return [...value.replace(/\D/g, '')].map(Number);
}

/** Luhn (mod 10) check used by payment cards and many national identifiers. */
export function passesLuhn(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length < 2) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits[digits.length - 1 - index]!;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** ISO 13616 IBAN check: rearranged, letters as numbers, remainder 1 modulo 97. */
export function passesMod97(value: string): boolean {
  const compact = value.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z0-9]{5,34}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const code = character >= 'A' ? String(character.charCodeAt(0) - 55) : character;
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const TFN_WEIGHTS = [1, 4, 3, 7, 5, 8, 6, 9, 10];

/** Australian Tax File Number: weighted sum divisible by 11 (9 digits). */
export function passesTfnChecksum(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length !== 9) return false;
  const sum = digits.reduce((total, digit, index) => total + digit * TFN_WEIGHTS[index]!, 0);
  return sum % 11 === 0;
}

const ABN_WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];

/** Australian Business Number: first digit minus one, weighted sum divisible by 89. */
export function passesAbnChecksum(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length !== 11 || digits[0] === 0) return false;
  digits[0] = digits[0]! - 1;
  const sum = digits.reduce((total, digit, index) => total + digit * ABN_WEIGHTS[index]!, 0);
  return sum % 89 === 0;
}

export const VALIDATORS = {
  luhn: passesLuhn,
  mod97: passesMod97,
  'au-tfn': passesTfnChecksum,
  'au-abn': passesAbnChecksum,
} as const satisfies Record<string, (value: string) => boolean>;

export type ValidatorName = keyof typeof VALIDATORS;
