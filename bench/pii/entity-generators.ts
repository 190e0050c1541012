// Entity generators for the synthetic labelled PII corpus (labelled-corpus.ts): seeded random
// values made to pass the real checks (Luhn, mod-97, TFN/ABN weights, SSN ranges, NINO prefixes,
// libphonenumber-valid phones). No real personal data.
import type { CountryCode } from 'libphonenumber-js';
import { isValidPhoneNumber, parsePhoneNumber } from 'libphonenumber-js';

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const digits = (rng: Rng, count: number): string =>
  Array.from({ length: count }, () => String(int(rng, 0, 9))).join('');
export const chars = (rng: Rng, alphabet: string, count: number): string =>
  Array.from({ length: count }, () => alphabet[Math.floor(rng() * alphabet.length)]).join('');

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const HEX = '0123456789abcdef';

// ---------- checksums ----------

export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let index = 0; index < body.length; index++) {
    let digit = Number(body[body.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

function mod97(value: string): number {
  let remainder = 0;
  for (const char of value) {
    const code = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

// ---------- entity generators ----------

const FIRST = ['alex', 'maria', 'jordan', 'priya', 'tom', 'chen', 'fatima', 'lukas', 'amelie', 'sam', 'noah'];
const LAST = ['nguyen', 'okafor', 'schmidt', 'dubois', 'patel', 'walker', 'kowalski', 'rossi', 'lee'];
const DOMAINS = ['example.com', 'mail.example.org', 'acme-corp.co.uk', 'test.com.au', 'post.example.de'];

export function email(rng: Rng): string {
  const first = pick(rng, FIRST);
  const last = pick(rng, LAST);
  const local = pick(rng, [
    `${first}.${last}`,
    `${first}${int(rng, 1, 99)}`,
    `${first[0]}${last}`,
    `${first}_${last}+support`,
    `${first.toUpperCase()}.${last}`,
  ]);
  return `${local}@${pick(rng, DOMAINS)}`;
}

const PHONE_NATIONAL: Record<string, (rng: Rng) => string> = {
  US: (rng) =>
    `${pick(rng, ['212', '312', '415', '617', '646', '702', '818', '917'])}${int(rng, 2, 9)}${digits(rng, 6)}`,
  GB: (rng) =>
    pick(rng, [
      `07${int(rng, 4, 9)}${digits(rng, 8)}`,
      `020${int(rng, 3, 8)}${digits(rng, 7)}`,
      `0161${digits(rng, 7)}`,
    ]),
  AU: (rng) =>
    pick(rng, [
      `04${digits(rng, 8)}`,
      `02${int(rng, 8, 9)}${digits(rng, 7)}`,
      `03${int(rng, 8, 9)}${digits(rng, 7)}`,
    ]),
  DE: (rng) =>
    pick(rng, [`015${int(rng, 1, 2)}${digits(rng, 8)}`, `030${digits(rng, 8)}`, `089${digits(rng, 7)}`]),
  FR: (rng) => `0${pick(rng, ['1', '6', '7'])}${digits(rng, 8)}`,
};

export function phone(rng: Rng): string {
  const region = pick(rng, Object.keys(PHONE_NATIONAL)) as CountryCode;
  for (;;) {
    const national = PHONE_NATIONAL[region]!(rng);
    if (!isValidPhoneNumber(national, region)) continue;
    const parsed = parsePhoneNumber(national, region);
    const style = int(rng, 0, 3);
    if (style === 0) return parsed.formatNational();
    if (style === 1) return parsed.formatInternational();
    if (style === 2) return parsed.number; // E.164
    return region === 'US'
      ? parsed.formatNational().replace(/[()]/g, '').replace(' ', '-')
      : parsed.formatNational();
  }
}

export function card(rng: Rng): string {
  const brand = int(rng, 0, 4);
  let prefix: string;
  let length = 16;
  let groups = [4, 4, 4, 4];
  if (brand === 0) prefix = '4';
  else if (brand === 1) prefix = String(int(rng, 51, 55));
  else if (brand === 2) prefix = String(int(rng, 2221, 2720));
  else if (brand === 3) {
    prefix = pick(rng, ['34', '37']);
    length = 15;
    groups = [4, 6, 5];
  } else prefix = pick(rng, ['6011', `65${int(rng, 0, 9)}`, String(int(rng, 3528, 3589))]);
  const body = prefix + digits(rng, length - 1 - prefix.length);
  const number = body + luhnCheckDigit(body);
  const separator = pick(rng, [' ', '-', '']);
  if (separator === '') return number;
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    parts.push(number.slice(at, at + size));
    at += size;
  }
  return parts.join(separator);
}

const IBAN_BBAN: Record<string, (rng: Rng) => string> = {
  GB: (rng) => `${pick(rng, ['NWBK', 'BARC', 'LOYD', 'MIDL'])}${digits(rng, 14)}`,
  DE: (rng) => digits(rng, 18),
  FR: (rng) => `${digits(rng, 10)}${chars(rng, `${UPPER}0123456789`, 11)}${digits(rng, 2)}`,
  NL: (rng) => `${pick(rng, ['ABNA', 'INGB', 'RABO'])}${digits(rng, 10)}`,
  ES: (rng) => digits(rng, 20),
};

export function iban(rng: Rng): string {
  const country = pick(rng, Object.keys(IBAN_BBAN));
  const bban = IBAN_BBAN[country]!(rng);
  const check = String(98 - mod97(`${bban}${country}00`)).padStart(2, '0');
  const compact = `${country}${check}${bban}`;
  return rng() < 0.6 ? compact.replace(/(.{4})(?=.)/g, '$1 ') : compact;
}

export function ssn(rng: Rng): string {
  let area = int(rng, 1, 899);
  if (area === 666) area = 667;
  const value = `${String(area).padStart(3, '0')}-${String(int(rng, 1, 99)).padStart(2, '0')}-${String(int(rng, 1, 9999)).padStart(4, '0')}`;
  return value;
}

const TFN_WEIGHTS = [1, 4, 3, 7, 5, 8, 6, 9, 10];
export function tfn(rng: Rng): string {
  for (;;) {
    const body = String(int(rng, 1, 9)) + digits(rng, 7);
    for (let last = 0; last <= 9; last++) {
      const candidate = `${body}${last}`;
      const sum = [...candidate].reduce(
        (total, digit, index) => total + Number(digit) * TFN_WEIGHTS[index]!,
        0,
      );
      if (sum % 11 === 0)
        return rng() < 0.7 ? candidate.replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3') : candidate;
    }
  }
}

const ABN_WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
export function abn(rng: Rng): string {
  for (;;) {
    const rest = digits(rng, 9);
    for (let lead = 10; lead <= 99; lead++) {
      const candidate = `${lead}${rest}`;
      const values = [...candidate].map(Number);
      values[0]! -= 1;
      const sum = values.reduce((total, digit, index) => total + digit * ABN_WEIGHTS[index]!, 0);
      if (sum % 89 === 0)
        return rng() < 0.7 ? candidate.replace(/(\d{2})(\d{3})(\d{3})(\d{3})/, '$1 $2 $3 $4') : candidate;
    }
  }
}

export function nino(rng: Rng): string {
  for (;;) {
    const first = pick(rng, [...'ABCEGHJKLMNOPRSTWXYZ']);
    const second = pick(rng, [...'ABCEGHJKLMNPRSTWXYZ']);
    const prefix = first + second;
    if (['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(prefix)) continue;
    const number = digits(rng, 6);
    const suffix = pick(rng, ['A', 'B', 'C', 'D']);
    return rng() < 0.5
      ? `${prefix}${number}${suffix}`
      : `${prefix} ${number.replace(/(\d{2})(?=\d)/g, '$1 ')} ${suffix}`;
  }
}

export function ipv4(rng: Rng): string {
  return pick(rng, [
    `${int(rng, 11, 223)}.${int(rng, 0, 255)}.${int(rng, 0, 255)}.${int(rng, 1, 254)}`,
    `192.168.${int(rng, 0, 255)}.${int(rng, 1, 254)}`,
    `10.${int(rng, 0, 255)}.${int(rng, 0, 255)}.${int(rng, 1, 254)}`,
  ]);
}

export function ipv6(rng: Rng): string {
  const group = (): string => chars(rng, HEX, int(rng, 1, 4)).replace(/^0+(?=.)/, '');
  const groups = Array.from({ length: 8 }, group);
  return pick(rng, [
    `2001:db8:${groups[0]}:${groups[1]}::${groups[7]}`,
    `fe80::${groups.slice(4).join(':')}`,
    groups.join(':'),
  ]);
}

export function apiKey(rng: Rng): string {
  return pick(rng, [
    `AKIA${chars(rng, UPPER_ALNUM, 16)}`,
    `ghp_${chars(rng, ALNUM, 36)}`,
    `sk-${chars(rng, ALNUM, 48)}`,
    `sk-proj-${chars(rng, `${ALNUM}_-`, 40)}`,
  ]);
}

const base64url = (value: string): string => Buffer.from(value).toString('base64url');
export function jwt(rng: Rng): string {
  const header = base64url(JSON.stringify({ alg: pick(rng, ['HS256', 'RS256', 'ES256']), typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      sub: digits(rng, 8),
      iat: 1_700_000_000 + int(rng, 0, 30_000_000),
      role: pick(rng, ['user', 'admin']),
    }),
  );
  return `${header}.${payload}.${chars(rng, `${ALNUM}_-`, 43)}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export function dateOfBirth(rng: Rng): string {
  const day = int(rng, 1, 28);
  const month = int(rng, 1, 12);
  const year = int(rng, 1940, 2005);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return pick(rng, [
    `${pad(day)}/${pad(month)}/${year}`,
    `${year}-${pad(month)}-${pad(day)}`,
    `${day} ${MONTHS[month - 1]} ${year}`,
    `${MONTHS[month - 1]} ${day}, ${year}`,
    `${month}/${day}/${String(year).slice(2)}`,
  ]);
}
