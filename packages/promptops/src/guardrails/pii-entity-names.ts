import { type CustomEntityType, ENTITY_TYPES, type EntityType } from './pii/index.ts';

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

/**
 * The scanner types for policy entity names, built-in or a custom recognizer's (`employee_id`,
 * `employee-id` or `custom:employee-id`); `unknown` lists names that match nothing.
 * `custom` is undefined when no names were given (then every recognizer applies).
 */
export function piiTypesFor(
  names: readonly string[] | undefined,
  recognizers: readonly string[] = [],
): { types: EntityType[] | undefined; custom: CustomEntityType[] | undefined; unknown: string[] } {
  if (names === undefined) return { types: undefined, custom: undefined, unknown: [] };
  const types = new Set<EntityType>();
  const custom = new Set<CustomEntityType>();
  const unknown: string[] = [];
  for (const name of names) {
    const dashed = name.replace(/^custom:/, '').replace(/_/g, '-');
    const resolved =
      ALIASES[name] ?? (ENTITY_TYPES.includes(dashed as EntityType) ? [dashed as EntityType] : undefined);
    if (resolved) for (const type of resolved) types.add(type);
    else if (recognizers.includes(dashed)) custom.add(`custom:${dashed}`);
    else unknown.push(name);
  }
  return { types: [...types], custom: [...custom], unknown };
}

interface PolicyEntityLists {
  guards: Record<
    string,
    { input?: { pii?: { entities?: string[] } }; output?: { pii?: { entities?: string[] } } }
  >;
  recognizers?: readonly { name: string }[];
}

/** Every entity name in the guard policies that is neither built in nor a recognizer, with its path. */
export function findUnknownEntities(
  policies: PolicyEntityLists,
): { path: (string | number)[]; name: string }[] {
  const recognizers = (policies.recognizers ?? []).map((recognizer) => recognizer.name);
  const found: { path: (string | number)[]; name: string }[] = [];
  for (const [policyName, policy] of Object.entries(policies.guards)) {
    for (const stage of ['input', 'output'] as const) {
      const entities = policy[stage]?.pii?.entities ?? [];
      for (const [index, name] of entities.entries()) {
        if (piiTypesFor([name], recognizers).unknown.length > 0) {
          found.push({ path: ['guards', policyName, stage, 'pii', 'entities', index], name });
        }
      }
    }
  }
  return found;
}

/** Names a policy may use, for "did you mean" hints. */
export function knownEntityNames(recognizers: readonly string[] = []): string[] {
  return [
    ...Object.keys(ALIASES),
    ...ENTITY_TYPES.map((type) => type.replace(/-/g, '_')),
    ...recognizers.map((name) => name.replace(/-/g, '_')),
  ];
}
