/**
 * Roles (DESIGN.md section 3): viewer < author < reviewer < approver is a ladder, each holding the
 * rights of those below; deployer moves environments and can read; admin holds every right.
 */
export const ROLES = ['viewer', 'author', 'reviewer', 'approver', 'deployer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const LADDER: readonly Role[] = ['viewer', 'author', 'reviewer', 'approver'];

/** Whether holding `held` gives the rights of `needed`. */
export function roleSatisfies(held: Role, needed: Role): boolean {
  if (held === 'admin' || held === needed) return true;
  if (held === 'deployer') return needed === 'viewer';
  const heldRank = LADDER.indexOf(held);
  const neededRank = LADDER.indexOf(needed);
  return heldRank >= 0 && neededRank >= 0 && heldRank >= neededRank;
}

/** A role granted on a name prefix: `support/` covers every name under support; '' covers everything. */
export interface RoleGrant {
  role: Role;
  prefix: string;
}

/** `support/` and `support` both cover `support/classify-intent`; `sup` does not. */
export function prefixCovers(prefix: string, name: string): boolean {
  if (prefix === '' || prefix === name) return true;
  const folder = prefix.endsWith('/') ? prefix : `${prefix}/`;
  return name.startsWith(folder);
}

/** Normalises a grant prefix as people type it: `support`, `support/` and `/support/` are one folder. */
export function normalisePrefix(prefix: string): string {
  const trimmed = prefix.trim().replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' || trimmed === '*' ? '' : `${trimmed}/`;
}
