import { PromptopsError } from '../../errors/index.ts';
import { ACTIONS, type Action } from './actions.ts';
import { prefixCovers, type Role, type RoleGrant, roleSatisfies } from './roles.ts';

/**
 * Who is acting: a user (by token or session) with their grants, or the local owner of an embedded
 * catalog that has no users yet (`local:<os user>`, every right: there is nobody to ask).
 */
export interface Principal {
  /** For the audit trail: `user:alice`, `local:alice`. */
  actor: string;
  userId: number | null;
  grants: readonly RoleGrant[];
}

export function localOwner(actor: string): Principal {
  return { actor, userId: null, grants: [{ role: 'admin', prefix: '' }] };
}

/** The roles the principal holds that apply to `name` ('' for global actions). */
export function rolesOn(principal: Principal, name: string): Role[] {
  return principal.grants.filter((grant) => prefixCovers(grant.prefix, name)).map((grant) => grant.role);
}

export function hasRole(principal: Principal, role: Role, name: string): boolean {
  return rolesOn(principal, name).some((held) => roleSatisfies(held, role));
}

/**
 * The folders (`support/`) and exact names on which the principal holds a role that allows the
 * action: what a list filters by so a caller sees only what they may read ('' covers everything).
 */
export function grantedPrefixes(principal: Principal, action: Action): string[] {
  const needed = ACTIONS[action].role;
  return principal.grants
    .filter((grant) => roleSatisfies(grant.role, needed))
    .flatMap((grant) =>
      grant.prefix === '' || grant.prefix.endsWith('/') ? [grant.prefix] : [grant.prefix, `${grant.prefix}/`],
    );
}

/** Whether the principal may take the action on `name` (ignored for global actions). */
export function can(principal: Principal, action: Action, name = ''): boolean {
  const rule = ACTIONS[action];
  return hasRole(principal, rule.role, rule.scope === 'global' ? '' : name);
}

/** Throws `forbidden`, naming the role that is missing, unless the principal may act. */
export function authorize(principal: Principal, action: Action, name = ''): void {
  if (can(principal, action, name)) return;
  const rule = ACTIONS[action];
  const where = rule.scope === 'global' ? 'on the whole catalog' : `on ${name}`;
  throw new PromptopsError(
    'forbidden',
    `${principal.actor} may not ${rule.summary}: it needs the ${rule.role} role ${where}`,
    { action, role: rule.role, ...(rule.scope === 'artifact' && { name }) },
  );
}
