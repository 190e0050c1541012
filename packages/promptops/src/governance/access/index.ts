export { ACTIONS, type Action } from './actions.ts';
export {
  authorize,
  can,
  grantedPrefixes,
  hasRole,
  localOwner,
  type Principal,
  rolesOn,
} from './principal.ts';
export { normalisePrefix, prefixCovers, ROLES, type Role, type RoleGrant, roleSatisfies } from './roles.ts';
