import { describe, expect, it } from 'vitest';
import { grade } from './test-fixtures.ts';

describe('no-pii', () => {
  it('passes on clean text and fails naming types and positions, never the data', async () => {
    expect((await grade({ type: 'no-pii' }, 'Your ticket is in the queue.')).pass).toBe(true);
    const failed = await grade({ type: 'no-pii' }, 'Write to jane.doe@example.com today.');
    expect(failed.pass).toBe(false);
    expect(failed.reason).toBe('expected no PII, found email at 9');
    expect(failed.reason).not.toContain('jane');
  });

  it('groups repeated findings by type', async () => {
    const result = await grade({ type: 'no-pii' }, 'a@example.com, b@example.com and c@example.com');
    expect(result.reason).toBe('expected no PII, found email ×3 (first at 0)');
  });

  it('entities narrows the scan, with policies.yaml names', async () => {
    const text = 'Mail jane.doe@example.com';
    expect((await grade({ type: 'no-pii', entities: ['credit_card', 'ssn'] }, text)).pass).toBe(true);
    expect((await grade({ type: 'no-pii', entities: ['email'] }, text)).reason).toBe(
      'expected no PII of email, found email at 5',
    );
  });

  it('not-no-pii passes when PII is there (for tests of the redaction itself)', async () => {
    expect((await grade({ type: 'not-no-pii' }, 'Mail jane.doe@example.com')).pass).toBe(true);
    expect((await grade({ type: 'not-no-pii' }, 'Nothing here')).reason).toBe(
      'expected not no PII, found none',
    );
  });
});
