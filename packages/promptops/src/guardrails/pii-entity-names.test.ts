import { describe, expect, it } from 'vitest';
import { checkGuardEntities } from './default-detectors.ts';
import { piiTypesFor } from './pii-entity-names.ts';

describe('policy entity names', () => {
  it('resolve snake-case and short names to scanner types', () => {
    expect(piiTypesFor(['credit_card', 'ssn', 'email', 'ip_address'])).toEqual({
      types: ['payment-card', 'us-ssn', 'email', 'ip-address'],
      unknown: [],
    });
    expect(piiTypesFor(undefined)).toEqual({ types: undefined, unknown: [] });
  });

  it('refuse a misspelt entity at start instead of scanning for nothing', () => {
    expect(() =>
      checkGuardEntities({ support: { input: { pii: { action: 'redact', entities: ['credt_card'] } } } }),
    ).toThrow(/guards\.support\.input\.pii\.entities: unknown "credt_card"/);
  });
});
