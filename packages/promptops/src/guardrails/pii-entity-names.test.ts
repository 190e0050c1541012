import { describe, expect, it } from 'vitest';
import { checkGuardEntities } from './default-detectors.ts';
import { piiTypesFor } from './pii-entity-names.ts';

describe('policy entity names', () => {
  it('resolve snake-case and short names to scanner types', () => {
    expect(piiTypesFor(['credit_card', 'ssn', 'email', 'ip_address'])).toEqual({
      types: ['payment-card', 'us-ssn', 'email', 'ip-address'],
      custom: [],
      unknown: [],
    });
    expect(piiTypesFor(undefined)).toEqual({ types: undefined, custom: undefined, unknown: [] });
  });

  it('resolve a recognizer by its name in any of the three spellings', () => {
    expect(piiTypesFor(['employee_id', 'custom:badge-no', 'email'], ['employee-id', 'badge-no'])).toEqual({
      types: ['email'],
      custom: ['custom:employee-id', 'custom:badge-no'],
      unknown: [],
    });
    expect(piiTypesFor(['employee_id']).unknown).toEqual(['employee_id']);
  });

  it('refuse a misspelt entity at start instead of scanning for nothing', () => {
    expect(() =>
      checkGuardEntities({
        guards: { support: { input: { pii: { action: 'redact', entities: ['credt_card'] } } } },
      }),
    ).toThrow(/guards\.support\.input\.pii\.entities: unknown "credt_card"/);
    expect(() =>
      checkGuardEntities({
        guards: { support: { output: { pii: { action: 'redact', entities: ['employee_id'] } } } },
        recognizers: [{ name: 'employee-id', pattern: 'EMP-\\d{6}' }],
      }),
    ).not.toThrow();
  });
});
