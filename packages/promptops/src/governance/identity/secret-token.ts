import { createHash, randomBytes } from 'node:crypto';

/**
 * API tokens and session ids: 32 random bytes, shown once. Only the SHA-256 is stored: with 256 bits
 * of randomness a fast hash is as safe as a slow one and costs nothing per request.
 * The `po_` prefix lets secret scanners (and our own guard) recognise a leaked token.
 */
export function newSecret(kind: 'token' | 'session'): string {
  const body = randomBytes(32).toString('base64url');
  return kind === 'token' ? `po_${body}` : body;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** What listings show to tell tokens apart without revealing them: `po_AbCd…`. */
export function secretPrefix(secret: string): string {
  return `${secret.slice(0, 7)}…`;
}
