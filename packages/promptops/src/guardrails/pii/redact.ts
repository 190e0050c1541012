import { createHmac } from 'node:crypto';
import type { Finding } from './detector.ts';
import type { FindingType } from './entity-type.ts';
import { entityLabel } from './entity-type.ts';
import type { TokenVault } from './token-vault.ts';
import { createTokenVault, tokenFor } from './token-vault.ts';

export type RedactionOperator =
  | { kind: 'replace' }
  | { kind: 'mask'; keepLast?: number; maskCharacter?: string }
  | { kind: 'hash'; key: string; length?: number }
  | { kind: 'tokenise' };

export interface RedactionPolicy {
  /** Used for types without their own operator; `replace` when omitted. */
  defaultOperator?: RedactionOperator;
  operators?: Partial<Record<FindingType, RedactionOperator>>;
}

export interface RedactionResult {
  text: string;
  /** Holds the placeholders issued by `tokenise`; pass it on to keep placeholders stable across calls. */
  vault: TokenVault;
}

/** Cards and phones keep their last four digits when masked, unless told otherwise. */
const MASK_KEEP_LAST: Partial<Record<FindingType, number>> = { 'payment-card': 4, phone: 4 };

function mask(value: string, keepLast: number, maskCharacter: string): string {
  let kept = 0;
  const characters = [...value];
  for (let index = characters.length - 1; index >= 0; index--) {
    if (!/[\p{L}\p{N}]/u.test(characters[index]!)) continue;
    if (kept < keepLast) kept++;
    else characters[index] = maskCharacter;
  }
  return characters.join('');
}

/** Keyed pseudonym: the same value under the same key always gives the same `[EMAIL:3f2a9c1b]`. */
export function pseudonymFor(type: FindingType, value: string, key: string, length = 8): string {
  const digest = createHmac('sha256', key).update(`${type}\u0000${value}`).digest('hex');
  return `[${entityLabel(type)}:${digest.slice(0, length)}]`;
}

function apply(operator: RedactionOperator, finding: Finding, vault: TokenVault): string {
  switch (operator.kind) {
    case 'replace':
      return `[${entityLabel(finding.type)}]`;
    case 'mask':
      return mask(
        finding.text,
        operator.keepLast ?? MASK_KEEP_LAST[finding.type] ?? 0,
        operator.maskCharacter ?? '*',
      );
    case 'hash':
      return pseudonymFor(finding.type, finding.text, operator.key, operator.length);
    case 'tokenise':
      return tokenFor(vault, finding.type, finding.text);
  }
}

/** Applies the policy's operator to each finding; findings must not overlap (see `scanText`). */
export function redact(
  text: string,
  findings: readonly Finding[],
  policy: RedactionPolicy = {},
  vault: TokenVault = createTokenVault(),
): RedactionResult {
  const ordered = [...findings].sort((left, right) => left.start - right.start);
  let output = '';
  let cursor = 0;
  for (const finding of ordered) {
    if (finding.start < cursor) continue;
    const operator = policy.operators?.[finding.type] ?? policy.defaultOperator ?? { kind: 'replace' };
    output += text.slice(cursor, finding.start) + apply(operator, finding, vault);
    cursor = finding.end;
  }
  return { text: output + text.slice(cursor), vault };
}
