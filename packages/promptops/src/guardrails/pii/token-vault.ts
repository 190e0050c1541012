import type { FindingType } from './entity-type.ts';
import { entityLabel } from './entity-type.ts';

/** Placeholders issued within one run; restores the original values in model output. */
export interface TokenVault {
  readonly valueByToken: Map<string, string>;
  readonly tokenByValue: Map<string, string>;
  readonly countByLabel: Map<string, number>;
}

export function createTokenVault(): TokenVault {
  return { valueByToken: new Map(), tokenByValue: new Map(), countByLabel: new Map() };
}

/** Same value and type, same placeholder: `<<EMAIL_1>>`. */
export function tokenFor(vault: TokenVault, type: FindingType, value: string): string {
  const label = entityLabel(type);
  const key = `${label}\u0000${value}`;
  const existing = vault.tokenByValue.get(key);
  if (existing !== undefined) return existing;
  const count = (vault.countByLabel.get(label) ?? 0) + 1;
  vault.countByLabel.set(label, count);
  const token = `<<${label}_${count}>>`;
  vault.tokenByValue.set(key, token);
  vault.valueByToken.set(token, value);
  return token;
}

const PLACEHOLDER = /<<[A-Z0-9_]+_\d+>>/g;

/** Replaces every known placeholder with its value; unknown placeholders are left as they are. */
export function restoreTokens(text: string, vault: TokenVault): string {
  return text.replace(PLACEHOLDER, (token) => vault.valueByToken.get(token) ?? token);
}
