import { PromptopsError } from '../../errors/index.ts';
import {
  countUsers,
  type Database,
  findLiveSession,
  findLiveToken,
  findUserById,
  findUserByName,
  insertSession,
  listGrants,
  revokeSession,
  touchToken,
  type UserRow,
} from '../../store/index.ts';
import { localOwner, type Principal, type Role } from '../access/index.ts';
import { verifyPassword } from './password-hash.ts';
import { hashSecret, newSecret } from './secret-token.ts';

export const SESSION_HOURS = 12;

interface Deps {
  db: Database;
  clock?: () => Date;
}

const refused = () => new PromptopsError('unauthenticated', 'the token is unknown, expired or revoked', {});

async function principalOf(db: Database, user: UserRow): Promise<Principal> {
  const grants = await listGrants(db, user.id);
  return {
    actor: `user:${user.username}`,
    userId: user.id,
    grants: grants.map((grant) => ({ role: grant.role as Role, prefix: grant.prefix })),
  };
}

/** The principal behind an API token; `unauthenticated` for an unknown, expired or revoked one. */
export async function authenticateToken(deps: Deps, token: string): Promise<Principal> {
  const now = (deps.clock ?? (() => new Date()))();
  const row = await findLiveToken(deps.db, hashSecret(token.trim()), now);
  if (!row) throw refused();
  const user = await findUserById(deps.db, row.userId);
  if (!user || user.disabledAt) throw refused();
  // Once a minute is enough to show a token is in use; not a write per request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    await touchToken(deps.db, row.id, now);
  return principalOf(deps.db, user);
}

/**
 * Password login for the web UI: a new session secret for an httpOnly cookie. A wrong password and an
 * unknown user get the same answer after the same work, so neither can be told apart.
 */
export async function login(
  deps: Deps,
  username: string,
  password: string,
): Promise<{ session: string; expiresAt: Date; principal: Principal }> {
  const user = await findUserByName(deps.db, username);
  const stored = user?.passwordHash ?? DUMMY_HASH;
  const matches = await verifyPassword(password, stored);
  if (!user || !user.passwordHash || user.disabledAt || !matches) {
    throw new PromptopsError('unauthenticated', 'wrong username or password', {});
  }
  const now = (deps.clock ?? (() => new Date()))();
  const session = newSecret('session');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await insertSession(deps.db, {
    secretHash: hashSecret(session),
    userId: user.id,
    createdAt: now,
    expiresAt,
    revokedAt: null,
  });
  return { session, expiresAt, principal: await principalOf(deps.db, user) };
}

export async function authenticateSession(deps: Deps, session: string): Promise<Principal> {
  const now = (deps.clock ?? (() => new Date()))();
  const row = await findLiveSession(deps.db, hashSecret(session), now);
  const user = row && (await findUserById(deps.db, row.userId));
  if (!user || user.disabledAt)
    throw new PromptopsError('unauthenticated', 'the session has ended; sign in again', {});
  return principalOf(deps.db, user);
}

export async function logout(deps: Deps, session: string): Promise<void> {
  await revokeSession(deps.db, hashSecret(session), (deps.clock ?? (() => new Date()))());
}

/**
 * Who runs a CLI command: the owner of `PROMPTOPS_TOKEN` / `--token`, or — while the catalog has no
 * users at all (a fresh embedded catalog) — its local owner with every right.
 */
export async function resolveCliPrincipal(
  deps: Deps,
  token: string | undefined,
  localActor: string,
): Promise<Principal> {
  if (token !== undefined && token !== '') return authenticateToken(deps, token);
  if ((await countUsers(deps.db)) === 0) return localOwner(localActor);
  throw new PromptopsError(
    'unauthenticated',
    'this catalog has users: set PROMPTOPS_TOKEN (or --token) to one of your API tokens; `promptops init` printed the first admin’s',
    {},
  );
}

// A valid hash of a random password, verified against when the user does not exist (equal timing).
const DUMMY_HASH = 'scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
