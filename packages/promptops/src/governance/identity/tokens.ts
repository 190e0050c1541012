import { PromptopsError } from '../../errors/index.ts';
import {
  type ApiTokenRow,
  type Database,
  type Executor,
  findUserById,
  insertToken,
  listTokens,
  revokeToken,
} from '../../store/index.ts';
import { authorize, can, type Principal } from '../access/index.ts';
import { mutate } from '../audit/index.ts';
import { hashSecret, newSecret, secretPrefix } from './secret-token.ts';
import { requireUser } from './users.ts';

const TOKEN_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const MAX_TOKEN_DAYS = 366;

export interface TokenSummary {
  username: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

interface Deps {
  db: Database;
  clock?: () => Date;
}

/** Whose token: your own, or (with user-manage rights) anyone's. */
async function tokenOwner(
  deps: Deps,
  principal: Principal,
  username: string | undefined,
  executor: Executor = deps.db,
) {
  if (username === undefined) {
    if (principal.userId === null) {
      throw new PromptopsError('invalid_argument', 'name the user the token is for (--user)', {
        parameter: 'user',
      });
    }
    const own = await findUserById(executor, principal.userId);
    if (!own) throw new PromptopsError('unauthenticated', 'the signed-in user no longer exists', {});
    return own;
  }
  const user = await requireUser(executor, username);
  // Your own tokens need only a sign-in; anyone else's need token-manage.
  if (user.id !== principal.userId) authorize(principal, 'token-manage');
  return user;
}

/**
 * Creates a named token and returns its secret, which is never stored and cannot be shown again.
 * Tokens expire (at most a year; 90 days unless told) and can be revoked.
 */
export async function createToken(
  deps: Deps,
  principal: Principal,
  input: { name: string; username?: string; expiresInDays?: number },
): Promise<{ token: string; summary: TokenSummary }> {
  if (!TOKEN_NAME.test(input.name)) {
    throw new PromptopsError(
      'invalid_argument',
      `token name "${input.name}": lower-case letters, digits, ".", "_", "-"`,
      {
        parameter: 'name',
      },
    );
  }
  const days = input.expiresInDays ?? 90;
  if (!(Number.isInteger(days) && days >= 1 && days <= MAX_TOKEN_DAYS)) {
    throw new PromptopsError(
      'invalid_argument',
      `expiry must be a whole number of days from 1 to ${MAX_TOKEN_DAYS}`,
      {
        parameter: 'expires-in-days',
      },
    );
  }
  const token = newSecret('token');
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const user = await tokenOwner(deps, principal, input.username, context.tx);
    if (user.disabledAt) throw new PromptopsError('forbidden', `${user.username} is disabled`, {});
    const now = context.now();
    const row = await insertToken(context.tx, {
      userId: user.id,
      name: input.name,
      prefix: secretPrefix(token),
      secretHash: hashSecret(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + days * 86_400_000),
      revokedAt: null,
      lastUsedAt: null,
    });
    if (!row) {
      throw new PromptopsError(
        'conflict',
        `${user.username} already has a token named ${input.name}; revoke it first`,
        {},
      );
    }
    context.audit({
      action: 'token-create',
      targetKind: 'token',
      target: `${user.username}/${input.name}`,
      details: { expires_at: row.expiresAt?.toISOString() ?? null },
    });
    return { token, summary: summariseToken(row, user.username) };
  });
}

export async function revokeTokenByName(
  deps: Deps,
  principal: Principal,
  input: { name: string; username?: string },
): Promise<TokenSummary> {
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const user = await tokenOwner(deps, principal, input.username, context.tx);
    const row = await revokeToken(context.tx, user.id, input.name, context.now());
    if (!row)
      throw new PromptopsError(
        'user_not_found',
        `${user.username} has no live token named ${input.name}`,
        {},
      );
    context.audit({ action: 'token-revoke', targetKind: 'token', target: `${user.username}/${input.name}` });
    return summariseToken(row, user.username);
  });
}

/** Your own tokens, or everyone's for an admin. Never the secrets. */
export async function listTokenSummaries(deps: Deps, principal: Principal): Promise<TokenSummary[]> {
  const all = can(principal, 'token-manage');
  if (!all && principal.userId === null) authorize(principal, 'token-manage');
  const rows = await listTokens(deps.db, all ? undefined : (principal.userId ?? -1));
  const names = new Map<number, string>();
  for (const row of rows) {
    if (!names.has(row.userId))
      names.set(row.userId, (await findUserById(deps.db, row.userId))?.username ?? '?');
  }
  return rows.map((row) => summariseToken(row, names.get(row.userId) ?? '?'));
}

function summariseToken(row: ApiTokenRow, username: string): TokenSummary {
  return {
    username,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
