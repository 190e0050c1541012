import { ENTITY_TYPES, type EntityType } from './pii/index.ts';

/**
 * Entity names as policies.yaml writes them (snake case, and the common short names) → the PII
 * scanner's types. `secret` stands for every kind of credential.
 */
const ALIASES: Record<string, EntityType[]> = {
  credit_card: ['payment-card'],
  card: ['payment-card'],
  ssn: ['us-ssn'],
  tfn: ['au-tfn'],
  abn: ['au-abn'],
  nino: ['uk-nino'],
  ip: ['ip-address'],
  dob: ['date-of-birth'],
  address: ['street-address'],
  name: ['person-name'],
  secret: ['api-key', 'jwt', 'private-key', 'bearer-token', 'password'],
};

/** The scanner types for policy entity names; `unknown` lists names that match nothing. */
export function piiTypesFor(names: readonly string[] | undefined): {
  types: EntityType[] | undefined;
  unknown: string[];
} {
  if (names === undefined) return { types: undefined, unknown: [] };
  const types = new Set<EntityType>();
  const unknown: string[] = [];
  for (const name of names) {
    const dashed = name.replace(/_/g, '-') as EntityType;
    const resolved = ALIASES[name] ?? (ENTITY_TYPES.includes(dashed) ? [dashed] : undefined);
    if (resolved) for (const type of resolved) types.add(type);
    else unknown.push(name);
  }
  return { types: [...types], unknown };
}
