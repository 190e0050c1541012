export {
  authenticateSession,
  authenticateToken,
  login,
  logout,
  resolveCliPrincipal,
  SESSION_HOURS,
} from './authenticate.ts';
export { bootstrapAdmin } from './bootstrap-admin.ts';
export { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password-hash.ts';
export { hashSecret, newSecret } from './secret-token.ts';
export { createToken, listTokenSummaries, revokeTokenByName, type TokenSummary } from './tokens.ts';
export {
  type CreateUserInput,
  createUser,
  disableUser,
  grantRole,
  listUserSummaries,
  setPassword,
  type UserSummary,
} from './users.ts';
