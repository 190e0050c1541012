import { PromptopsError } from '../../errors/index.ts';
import {
  type Database,
  deleteGrant,
  type Executor,
  findUserByName,
  insertGrant,
  insertUser,
  listAllGrants,
  listUsers,
  revokeAllCredentials,
  type UserRow,
  updateUser,
} from '../../store/index.ts';
import { authorize, normalisePrefix, type Principal, ROLES, type Role } from '../access/index.ts';
import { mutate } from '../audit/index.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password-hash.ts';

export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{1,62}$/;

export interface UserSummary {
  username: string;
  displayName: string | null;
  disabled: boolean;
  hasPassword: boolean;
  grants: { role: Role; prefix: string }[];
  createdAt: string;
}

interface Deps {
  db: Database;
  clock?: () => Date;
}

function checkUsername(username: string): void {
  if (!USERNAME_PATTERN.test(username)) {
    throw new PromptopsError(
      'invalid_argument',
      `username "${username}": lower-case letters, digits, ".", "_" and "-", starting with a letter (2–63 characters)`,
      { parameter: 'username' },
    );
  }
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new PromptopsError(
      'invalid_argument',
      `the password must have at least ${MIN_PASSWORD_LENGTH} characters`,
      {
        parameter: 'password',
      },
    );
  }
}

export function checkRole(role: string): Role {
  if ((ROLES as readonly string[]).includes(role)) return role as Role;
  throw new PromptopsError('invalid_argument', `role "${role}": expected one of ${ROLES.join(', ')}`, {
    parameter: 'role',
  });
}

export async function requireUser(executor: Executor, username: string): Promise<UserRow> {
  const user = await findUserByName(executor, username);
  if (!user) throw new PromptopsError('user_not_found', `no user named ${username}`, { username });
  return user;
}

export interface CreateUserInput {
  username: string;
  displayName?: string;
  password?: string;
  grants?: { role: string; prefix?: string }[];
}

/** Creates a user with an optional password and grants; admins only. */
export async function createUser(
  deps: Deps,
  principal: Principal,
  input: CreateUserInput,
): Promise<UserSummary> {
  checkUsername(input.username);
  if (input.password !== undefined) checkPassword(input.password);
  const grants = (input.grants ?? []).map((grant) => ({
    role: checkRole(grant.role),
    prefix: normalisePrefix(grant.prefix ?? ''),
  }));
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    authorize(principal, 'user-manage');
    const now = context.now();
    const user = await insertUser(context.tx, {
      username: input.username,
      displayName: input.displayName ?? null,
      passwordHash,
      createdAt: now,
      disabledAt: null,
    });
    if (!user) throw new PromptopsError('conflict', `a user named ${input.username} exists already`, {});
    context.audit({ action: 'user-create', targetKind: 'user', target: user.username });
    for (const grant of grants) {
      await insertGrant(context.tx, { userId: user.id, ...grant, grantedBy: context.actor, grantedAt: now });
      context.audit({ action: 'role-grant', targetKind: 'user', target: user.username, details: grant });
    }
    return summarise(user, grants);
  });
}

export async function grantRole(
  deps: Deps,
  principal: Principal,
  input: { username: string; role: string; prefix?: string; revoke?: boolean },
): Promise<UserSummary> {
  const role = checkRole(input.role);
  const prefix = normalisePrefix(input.prefix ?? '');
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    authorize(principal, 'user-manage');
    const user = await requireUser(context.tx, input.username);
    const key = { userId: user.id, role, prefix };
    const changed = input.revoke
      ? await deleteGrant(context.tx, key)
      : await insertGrant(context.tx, { ...key, grantedBy: context.actor, grantedAt: context.now() });
    if (changed) {
      context.audit({
        action: input.revoke ? 'role-revoke' : 'role-grant',
        targetKind: 'user',
        target: user.username,
        details: { role, prefix },
      });
    }
    const grants = (await listAllGrants(context.tx)).filter((grant) => grant.userId === user.id);
    return summarise(user, grants);
  });
}

export async function setPassword(
  deps: Deps,
  principal: Principal,
  input: { username: string; password: string },
): Promise<void> {
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  await mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const user = await requireUser(context.tx, input.username);
    // Anyone may change their own password; an admin may set anyone's.
    if (principal.userId !== user.id) authorize(principal, 'user-manage');
    await updateUser(context.tx, user.id, { passwordHash });
    context.audit({
      action: 'user-update',
      targetKind: 'user',
      target: user.username,
      details: { password: 'changed' },
    });
  });
}

/** Disables a user and ends every session and token they hold, in one transaction. */
export async function disableUser(
  deps: Deps,
  principal: Principal,
  username: string,
  reason?: string,
): Promise<void> {
  await mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    authorize(principal, 'user-manage');
    const user = await requireUser(context.tx, username);
    if (user.disabledAt) return;
    const now = context.now();
    await updateUser(context.tx, user.id, { disabledAt: now });
    await revokeAllCredentials(context.tx, user.id, now);
    context.audit({ action: 'user-disable', targetKind: 'user', target: username, reason: reason ?? null });
  });
}

export async function listUserSummaries(deps: Deps, principal: Principal): Promise<UserSummary[]> {
  authorize(principal, 'user-manage');
  const [users, grants] = await Promise.all([listUsers(deps.db), listAllGrants(deps.db)]);
  return users.map((user) =>
    summarise(
      user,
      grants.filter((grant) => grant.userId === user.id),
    ),
  );
}

function summarise(user: UserRow, grants: readonly { role: string; prefix: string }[]): UserSummary {
  return {
    username: user.username,
    displayName: user.displayName,
    disabled: user.disabledAt !== null,
    hasPassword: user.passwordHash !== null,
    grants: grants.map((grant) => ({ role: grant.role as Role, prefix: grant.prefix })),
    createdAt: user.createdAt.toISOString(),
  };
}
