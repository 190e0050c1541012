import { PromptopsError } from '../../errors/index.ts';
import { countUsers, type Database, insertGrant, insertToken, insertUser } from '../../store/index.ts';
import { mutate } from '../audit/index.ts';
import { hashPassword } from './password-hash.ts';
import { hashSecret, newSecret, secretPrefix } from './secret-token.ts';
import { checkPassword, USERNAME_PATTERN } from './users.ts';

/**
 * The first admin of a catalog with no users, with one API token, in one transaction: what
 * `promptops init` does. The token is returned once and never stored. Refused once any user exists.
 */
export async function bootstrapAdmin(
  deps: { db: Database; clock?: () => Date },
  input: { username: string; password?: string; tokenDays?: number },
): Promise<{ username: string; token: string }> {
  if (!USERNAME_PATTERN.test(input.username)) {
    throw new PromptopsError('invalid_argument', `username "${input.username}" is not valid`, {
      parameter: 'username',
    });
  }
  if (input.password !== undefined) checkPassword(input.password);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const token = newSecret('token');
  const actor = `user:${input.username}`;
  return mutate(deps.db, { actor, clock: deps.clock }, async (context) => {
    if ((await countUsers(context.tx)) > 0) {
      throw new PromptopsError('conflict', 'this catalog has users already; an admin creates new ones', {});
    }
    const now = context.now();
    const user = await insertUser(context.tx, {
      username: input.username,
      displayName: null,
      passwordHash,
      createdAt: now,
      disabledAt: null,
    });
    if (!user) throw new PromptopsError('conflict', `a user named ${input.username} exists already`, {});
    await insertGrant(context.tx, {
      userId: user.id,
      role: 'admin',
      prefix: '',
      grantedBy: actor,
      grantedAt: now,
    });
    await insertToken(context.tx, {
      userId: user.id,
      name: 'first-admin',
      prefix: secretPrefix(token),
      secretHash: hashSecret(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + (input.tokenDays ?? 90) * 86_400_000),
      revokedAt: null,
      lastUsedAt: null,
    });
    context.audit({ action: 'user-create', targetKind: 'user', target: user.username });
    context.audit({
      action: 'role-grant',
      targetKind: 'user',
      target: user.username,
      details: { role: 'admin', prefix: '' },
    });
    context.audit({ action: 'token-create', targetKind: 'token', target: `${user.username}/first-admin` });
    return { username: user.username, token };
  });
}
