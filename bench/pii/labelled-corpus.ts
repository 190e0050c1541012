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
import type { EntityType } from '../../packages/promptops/src/guardrails/pii/index.ts';
import {
  abn,
  apiKey,
  card,
  chars,
  dateOfBirth,
  digits,
  email,
  HEX,
  iban,
  int,
  ipv4,
  ipv6,
  jwt,
  luhnCheckDigit,
  mulberry32,
  nino,
  phone,
  pick,
  type Rng,
  ssn,
  tfn,
  UPPER_ALNUM,
} from './entity-generators.ts';

export { mulberry32, type Rng } from './entity-generators.ts';

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
