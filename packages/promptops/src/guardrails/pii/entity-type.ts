/** Built-in entity kinds the offline detectors recognise. */
export const ENTITY_TYPES = [
  'email',
  'phone',
  'payment-card',
  'iban',
  'us-ssn',
  'au-tfn',
  'au-abn',
  'uk-nino',
  'ip-address',
  'date-of-birth',
  'street-address',
  'person-name',
  'api-key',
  'jwt',
  'private-key',
  'bearer-token',
  'password',
] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

/** Entity kinds declared by policy through custom recognizers, e.g. `custom:employee-id`. */
export type CustomEntityType = `custom:${string}`;

export type FindingType = EntityType | CustomEntityType;

/** `payment-card` → `PAYMENT_CARD`, `custom:employee-id` → `EMPLOYEE_ID`. */
export function entityLabel(type: FindingType): string {
  return type
    .replace(/^custom:/, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_');
}
