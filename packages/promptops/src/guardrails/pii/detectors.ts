import { detectAuAbn, detectAuTfn } from './detect-au-tax-ids.ts';
import { detectEmail } from './detect-email.ts';
import { detectIban } from './detect-iban.ts';
import { detectDateOfBirth, detectPersonName } from './detect-in-context.ts';
import { detectIpAddress } from './detect-ip-address.ts';
import { detectPaymentCard } from './detect-payment-card.ts';
import { detectPhone } from './detect-phone.ts';
import {
  detectApiKey,
  detectBearerToken,
  detectJwt,
  detectPassword,
  detectPrivateKey,
} from './detect-secrets.ts';
import { detectStreetAddress } from './detect-street-address.ts';
import { detectUkNino } from './detect-uk-nino.ts';
import { detectUsSsn } from './detect-us-ssn.ts';
import type { Detector } from './detector.ts';
import type { EntityType } from './entity-type.ts';

/** One detector per built-in entity type; a new type will not compile until it has one. */
export const DETECTORS: Readonly<Record<EntityType, Detector>> = {
  email: detectEmail,
  phone: detectPhone,
  'payment-card': detectPaymentCard,
  iban: detectIban,
  'us-ssn': detectUsSsn,
  'au-tfn': detectAuTfn,
  'au-abn': detectAuAbn,
  'uk-nino': detectUkNino,
  'ip-address': detectIpAddress,
  'date-of-birth': detectDateOfBirth,
  'street-address': detectStreetAddress,
  'person-name': detectPersonName,
  'api-key': detectApiKey,
  jwt: detectJwt,
  'private-key': detectPrivateKey,
  'bearer-token': detectBearerToken,
  password: detectPassword,
};
