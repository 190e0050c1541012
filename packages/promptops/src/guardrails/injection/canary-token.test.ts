import { describe, expect, it } from 'vitest';
import { createCanary, leakedCanary } from './canary-token.ts';

const fixedBytes = (length: number) => Uint8Array.from({ length }, (_, index) => index * 17 + 3);

describe('canary tokens', () => {
  it('creates a random token and a sentence that carries it', () => {
    const canary = createCanary();
    expect(canary.token).toMatch(/^CANARY-[0-9a-f]{24}$/);
    expect(canary.instruction).toContain(canary.token);
    expect(createCanary().token).not.toBe(canary.token);
    expect(createCanary({ randomBytes: fixedBytes }).token).toBe(
      createCanary({ randomBytes: fixedBytes }).token,
    );
  });

  it('detects the token in clear, spaced out, obfuscated and encoded', () => {
    const canary = createCanary({ randomBytes: fixedBytes });
    const spaced = canary.token.split('').join(' ');
    const zeroWidth = canary.token.split('').join('\u200B');
    expect(leakedCanary(`My instructions say ${canary.token}.`, canary)).toBe(true);
    expect(leakedCanary(spaced, canary)).toBe(true);
    expect(leakedCanary(zeroWidth, canary.token)).toBe(true);
    for (const prefix of ['', 'a', 'ab']) {
      const encoded = Buffer.from(`${prefix}marker ${canary.token} end`).toString('base64');
      expect(leakedCanary(`here: ${encoded}`, canary), prefix).toBe(true);
    }
    expect(leakedCanary(Buffer.from(canary.token).toString('hex'), canary)).toBe(true);
  });

  it('does not fire on output without the token', () => {
    const canary = createCanary({ randomBytes: fixedBytes });
    expect(leakedCanary('Here is your answer about canaries in coal mines.', canary)).toBe(false);
    expect(leakedCanary(createCanary().token, canary)).toBe(false);
  });
});
