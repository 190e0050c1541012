// Labelled PII corpus for bench/pii-eval.ts.
//
// SYNTHETIC: every message is generated at run time from templates with a seeded PRNG (mulberry32),
// so the corpus is the same on every run and holds no real personal data. Names and domains are
// invented; identifiers are random digits made to pass the real checks (Luhn on real IIN ranges,
// IBAN mod-97, AU TFN mod 11 and ABN mod 89, US SSN area/group/serial ranges, UK NINO prefix rules,
// phone numbers accepted by libphonenumber-js `isValidPhoneNumber` for US/GB/AU/DE/FR).
//
// Each message is 1–3 sentences of customer-support phrasing (varied casing and punctuation); each
// sentence carries either one entity (its type and exact span are recorded) or one hard negative:
// text that looks like PII but is not (order numbers, GUIDs, version strings, Luhn-failing card-like
// numbers, SSN-like numbers in invalid ranges, timestamps, prices, tracking numbers, ISBNs). Hard
// negatives are recorded in `negatives` so false positives can be attributed to them.
//
// Bias to keep in mind: the templates were written by the same people who wrote the detectors, and
// the entity formats are the common ones. Real traffic is messier (OCR, typos, unusual formats).
import type { CountryCode } from 'libphonenumber-js';
import { isValidPhoneNumber, parsePhoneNumber } from 'libphonenumber-js';
import type { EntityType } from '../../packages/promptops/src/guardrails/pii/index.ts';

export interface LabelledEntity {
  type: EntityType;
  start: number;
  end: number;
}

export interface HardNegative {
  kind: string;
  start: number;
  end: number;
}

export interface LabelledRecord {
  id: string;
  text: string;
  entities: LabelledEntity[];
  negatives: HardNegative[];
}

export const CORPUS_SEED = 0x5eed_2026;
export const CORPUS_SIZE = 600;

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

const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const digits = (rng: Rng, count: number): string =>
  Array.from({ length: count }, () => String(int(rng, 0, 9))).join('');
const chars = (rng: Rng, alphabet: string, count: number): string =>
  Array.from({ length: count }, () => alphabet[Math.floor(rng() * alphabet.length)]).join('');

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';

// ---------- checksums ----------

function luhnCheckDigit(body: string): string {
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

function email(rng: Rng): string {
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

function phone(rng: Rng): string {
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

function card(rng: Rng): string {
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

function iban(rng: Rng): string {
  const country = pick(rng, Object.keys(IBAN_BBAN));
  const bban = IBAN_BBAN[country]!(rng);
  const check = String(98 - mod97(`${bban}${country}00`)).padStart(2, '0');
  const compact = `${country}${check}${bban}`;
  return rng() < 0.6 ? compact.replace(/(.{4})(?=.)/g, '$1 ') : compact;
}

function ssn(rng: Rng): string {
  let area = int(rng, 1, 899);
  if (area === 666) area = 667;
  const value = `${String(area).padStart(3, '0')}-${String(int(rng, 1, 99)).padStart(2, '0')}-${String(int(rng, 1, 9999)).padStart(4, '0')}`;
  return value;
}

const TFN_WEIGHTS = [1, 4, 3, 7, 5, 8, 6, 9, 10];
function tfn(rng: Rng): string {
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
function abn(rng: Rng): string {
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

function nino(rng: Rng): string {
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

function ipv4(rng: Rng): string {
  return pick(rng, [
    `${int(rng, 11, 223)}.${int(rng, 0, 255)}.${int(rng, 0, 255)}.${int(rng, 1, 254)}`,
    `192.168.${int(rng, 0, 255)}.${int(rng, 1, 254)}`,
    `10.${int(rng, 0, 255)}.${int(rng, 0, 255)}.${int(rng, 1, 254)}`,
  ]);
}

function ipv6(rng: Rng): string {
  const group = (): string => chars(rng, HEX, int(rng, 1, 4)).replace(/^0+(?=.)/, '');
  const groups = Array.from({ length: 8 }, group);
  return pick(rng, [
    `2001:db8:${groups[0]}:${groups[1]}::${groups[7]}`,
    `fe80::${groups.slice(4).join(':')}`,
    groups.join(':'),
  ]);
}

function apiKey(rng: Rng): string {
  return pick(rng, [
    `AKIA${chars(rng, UPPER_ALNUM, 16)}`,
    `ghp_${chars(rng, ALNUM, 36)}`,
    `sk-${chars(rng, ALNUM, 48)}`,
    `sk-proj-${chars(rng, `${ALNUM}_-`, 40)}`,
  ]);
}

const base64url = (value: string): string => Buffer.from(value).toString('base64url');
function jwt(rng: Rng): string {
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
function dateOfBirth(rng: Rng): string {
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

// ---------- templates (`{}` is the slot) ----------

interface Slot {
  type: EntityType;
  make: (rng: Rng) => string;
  templates: readonly string[];
}

const SLOTS: readonly Slot[] = [
  {
    type: 'email',
    make: email,
    templates: [
      'my email is {}',
      'please send the invoice to {} thanks',
      'can you update my contact address to {}?',
      'Reply to {} not the old one',
      'login: {}',
      'I never got the reset link at {}.',
    ],
  },
  {
    type: 'phone',
    make: phone,
    templates: [
      'call me on {}',
      'my number is {}',
      'you can reach me at {} after 5pm',
      'Phone: {}',
      'mobile {} (whatsapp too)',
      'the courier should ring {} when outside',
    ],
  },
  {
    type: 'payment-card',
    make: card,
    templates: [
      'my card number is {}',
      'charged twice on {}!',
      'card {} expired last month',
      'Please refund to the card ending ... actually full number {}',
      'used {} for the order',
    ],
  },
  {
    type: 'iban',
    make: iban,
    templates: [
      'please wire the refund to IBAN {}',
      'my bank account: {}',
      'IBAN {} (business account)',
      'send it to {} please',
    ],
  },
  {
    type: 'us-ssn',
    make: ssn,
    templates: [
      'my SSN is {}',
      'social security number {}',
      'ssn: {} for the tax form',
      'They asked for {} as my social',
    ],
  },
  {
    type: 'au-tfn',
    make: tfn,
    templates: ['my TFN is {}', 'tax file number {}', 'TFN: {} for payroll'],
  },
  {
    type: 'au-abn',
    make: abn,
    templates: ['our ABN is {}', 'ABN {} on the invoice please', 'business number (ABN): {}'],
  },
  {
    type: 'uk-nino',
    make: nino,
    templates: ['my national insurance number is {}', 'NI number {}', 'NINO: {} for the pension form'],
  },
  {
    type: 'ip-address',
    make: (rng) => (rng() < 0.6 ? ipv4(rng) : ipv6(rng)),
    templates: [
      'the login came from {} which is not me',
      'my server IP is {}',
      'blocked from {} since yesterday',
      'whitelist {} please',
    ],
  },
  {
    type: 'api-key',
    make: apiKey,
    templates: [
      'here is my key {} does it look right?',
      'I accidentally pasted {} in the ticket, please delete',
      'config: key={}',
      'token {} stopped working',
    ],
  },
  {
    type: 'jwt',
    make: jwt,
    templates: ['the request header had {}', 'session token: {}', 'decoded {} and it says expired'],
  },
  {
    type: 'date-of-birth',
    make: dateOfBirth,
    templates: ['date of birth {}', 'I was born on {}', 'DOB: {}', 'my birthday is {} for the age check'],
  },
];

interface NegativeSlot {
  kind: string;
  make: (rng: Rng) => string;
  templates: readonly string[];
}

function guid(rng: Rng): string {
  return [8, 4, 4, 4, 12].map((size) => chars(rng, HEX, size)).join('-');
}

function cardFailingLuhn(rng: Rng): string {
  const body = `4${digits(rng, 14)}`;
  const good = Number(luhnCheckDigit(body));
  const bad = (good + int(rng, 1, 9)) % 10;
  return `${body}${bad}`.replace(/(\d{4})(?=\d)/g, '$1 ');
}

function invalidSsn(rng: Rng): string {
  const area = pick(rng, ['000', '666', String(int(rng, 900, 999))]);
  return pick(rng, [
    `${area}-${String(int(rng, 1, 99)).padStart(2, '0')}-${digits(rng, 4).replace(/^0000$/, '1234')}`,
    `${String(int(rng, 1, 665)).padStart(3, '0')}-00-${digits(rng, 4)}`,
    `${String(int(rng, 1, 665)).padStart(3, '0')}-${String(int(rng, 1, 99)).padStart(2, '0')}-0000`,
  ]);
}

function isbn13(rng: Rng): string {
  const body = `978${digits(rng, 9)}`;
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  const check = (10 - (sum % 10)) % 10;
  return `${body.slice(0, 3)}-${body.slice(3, 4)}-${body.slice(4, 7)}-${body.slice(7)}-${check}`;
}

const NEGATIVES: readonly NegativeSlot[] = [
  {
    kind: 'order-number',
    make: (rng) =>
      pick(rng, [
        `#${digits(rng, 8)}`,
        `ORD-${int(rng, 2019, 2026)}-${digits(rng, 6)}`,
        `${digits(rng, 10)}`,
      ]),
    templates: ['my order {} has not arrived', 'order number {} is missing an item', 're: order {}'],
  },
  {
    kind: 'guid',
    make: guid,
    templates: ['request id {}', 'the error page showed {}', 'correlation-id: {}'],
  },
  {
    kind: 'version',
    make: (rng) =>
      pick(rng, [
        `${int(rng, 1, 9)}.${int(rng, 0, 20)}.${int(rng, 0, 30)}.${int(rng, 0, 999)}`,
        `v${int(rng, 1, 4)}.${int(rng, 0, 30)}.${int(rng, 0, 9)}`,
      ]),
    templates: ['the app is on version {}', 'since updating to {} it crashes', 'build {} fixed it'],
  },
  {
    kind: 'card-like-bad-luhn',
    make: cardFailingLuhn,
    templates: ['gift voucher code {}', 'loyalty number {}', 'member no. {}'],
  },
  {
    kind: 'ssn-like-invalid',
    make: invalidSsn,
    templates: ['case reference {}', 'claim {} was closed', 'ticket ref {}'],
  },
  {
    kind: 'timestamp',
    make: (rng) =>
      pick(rng, [
        `2025-${String(int(rng, 1, 12)).padStart(2, '0')}-${String(int(rng, 1, 28)).padStart(2, '0')}T${String(int(rng, 0, 23)).padStart(2, '0')}:${String(int(rng, 0, 59)).padStart(2, '0')}:${String(int(rng, 0, 59)).padStart(2, '0')}Z`,
        String(1_700_000_000 + int(rng, 0, 60_000_000)),
        `${String(int(rng, 0, 23)).padStart(2, '0')}:${String(int(rng, 0, 59)).padStart(2, '0')}:${String(int(rng, 0, 59)).padStart(2, '0')}.${digits(rng, 3)}`,
      ]),
    templates: ['it failed at {}', 'log timestamp {}', 'last sync {}'],
  },
  {
    kind: 'price',
    make: (rng) =>
      pick(rng, [
        `$${int(rng, 1, 9)},${digits(rng, 3)}.${digits(rng, 2)}`,
        `€${int(rng, 5, 999)},${digits(rng, 2)}`,
        `£${int(rng, 1, 999)}.${digits(rng, 2)}`,
      ]),
    templates: ['I was charged {} instead of the sale price', 'the total came to {}', 'refund of {} please'],
  },
  {
    kind: 'tracking-number',
    make: (rng) =>
      pick(rng, [
        `1Z${chars(rng, UPPER_ALNUM, 6)}${digits(rng, 10)}`,
        `9400${digits(rng, 18)}`,
        digits(rng, 12),
        `JD${digits(rng, 16)}`,
      ]),
    templates: ['tracking number {} shows no movement', 'the parcel {} is stuck', 'tracking: {}'],
  },
  {
    kind: 'isbn',
    make: isbn13,
    templates: ['the book ISBN {} arrived damaged', 'I ordered ISBN {} twice', 'isbn: {}'],
  },
];

const OPENINGS = ['', 'Hi, ', 'hello team - ', 'Hey there. ', 'Good morning, ', 'URGENT: ', 'Hi support, '];
const CLOSINGS = ['', ' Thanks.', ' thx', ' Cheers!', ' Regards', ' Please help asap.', ' :('];

function applyCasing(rng: Rng, text: string): string {
  const roll = rng();
  if (roll < 0.1) return text.toUpperCase();
  if (roll < 0.3) return text.toLowerCase();
  if (roll < 0.6) return text.charAt(0).toUpperCase() + text.slice(1);
  return text;
}

function endPunctuation(rng: Rng): string {
  return pick(rng, ['.', '', '!', '?', ' ...', '.']);
}

export function generateCorpus(size = CORPUS_SIZE, seed = CORPUS_SEED): LabelledRecord[] {
  const rng = mulberry32(seed);
  const records: LabelledRecord[] = [];
  for (let index = 0; index < size; index++) {
    let text = pick(rng, OPENINGS);
    const entities: LabelledEntity[] = [];
    const negatives: HardNegative[] = [];
    const sentences = int(rng, 1, 3);
    for (let sentence = 0; sentence < sentences; sentence++) {
      if (sentence > 0) text += ' ';
      const negative = rng() < 0.35;
      const slot = negative ? pick(rng, NEGATIVES) : pick(rng, SLOTS);
      const template = pick(rng, slot.templates);
      const value = slot.make(rng);
      const [before, after] = template.split('{}') as [string, string];
      // Casing varies the template words only, never the value.
      const cased = applyCasing(rng, `${before}\u0000${after}`).split('\u0000') as [string, string];
      text += cased[0];
      const start = text.length;
      text += value;
      const end = text.length;
      text += cased[1] + endPunctuation(rng);
      if ('type' in slot) entities.push({ type: slot.type, start, end });
      else negatives.push({ kind: slot.kind, start, end });
    }
    text += pick(rng, CLOSINGS);
    records.push({ id: `pii-${String(index + 1).padStart(4, '0')}`, text, entities, negatives });
  }
  return records;
}
