import { describe, expect, it } from 'vitest';
import { pseudonymFor, redact } from './redact.ts';
import { scanText } from './scan-text.ts';
import { restoreTokens } from './token-vault.ts';

const text = 'Mail jane@example.com or jane@example.com, card 4111 1111 1111 1111, call +44 20 7946 0958.';
const { findings } = scanText(text);

describe('redact', () => {
  it('replaces with the entity label by default', () => {
    expect(redact(text, findings).text).toBe('Mail [EMAIL] or [EMAIL], card [PAYMENT_CARD], call [PHONE].');
  });

  it('masks cards and phones keeping the last four digits', () => {
    const result = redact(text, findings, { defaultOperator: { kind: 'mask' } });
    expect(result.text).toContain('card **** **** **** 1111');
    expect(result.text).toContain('call +** ** **** 0958');
    expect(result.text).toContain('Mail ****@*******.***');
  });

  it('hashes with a key into stable pseudonyms', () => {
    const operator = { kind: 'hash', key: 'secret-key' } as const;
    const result = redact(text, findings, { operators: { email: operator } });
    const pseudonym = pseudonymFor('email', 'jane@example.com', 'secret-key');
    expect(pseudonym).toMatch(/^\[EMAIL:[0-9a-f]{8}\]$/);
    expect(result.text.startsWith(`Mail ${pseudonym} or ${pseudonym},`)).toBe(true);
    expect(pseudonymFor('email', 'jane@example.com', 'other-key')).not.toBe(pseudonym);
  });

  it('tokenises reversibly within a run', () => {
    const result = redact(text, findings, { defaultOperator: { kind: 'tokenise' } });
    expect(result.text).toBe('Mail <<EMAIL_1>> or <<EMAIL_1>>, card <<PAYMENT_CARD_1>>, call <<PHONE_1>>.');
    const modelOutput = 'I emailed <<EMAIL_1>> and charged <<PAYMENT_CARD_1>>; <<EMAIL_9>> is unknown.';
    expect(restoreTokens(modelOutput, result.vault)).toBe(
      'I emailed jane@example.com and charged 4111 1111 1111 1111; <<EMAIL_9>> is unknown.',
    );
    expect(restoreTokens(result.text, result.vault)).toBe(text);
  });
});
