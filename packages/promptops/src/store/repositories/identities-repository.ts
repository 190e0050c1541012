import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import {
  type ApiTokenRow,
  apiTokens,
  type RoleGrantRow,
  roleGrants,
  type SessionRow,
  sessions,
  type UserRow,
  users,
} from '../schema/index.ts';

export async function countUsers(executor: Executor): Promise<number> {
  const rows = await executor.select({ id: users.id }).from(users).limit(1);
  return rows.length;
}

export async function insertUser(executor: Executor, row: Omit<UserRow, 'id'>): Promise<UserRow | undefined> {
  const rows = await executor.insert(users).values(row).onConflictDoNothing().returning();
  return rows[0];
}

export async function findUserByName(executor: Executor, username: string): Promise<UserRow | undefined> {
  const rows = await executor.select().from(users).where(eq(users.username, username));
  return rows[0];
}

export async function findUserById(executor: Executor, id: number): Promise<UserRow | undefined> {
  const rows = await executor.select().from(users).where(eq(users.id, id));
  return rows[0];
}

export async function listUsers(executor: Executor): Promise<UserRow[]> {
  return executor.select().from(users).orderBy(asc(users.username));
}

export async function updateUser(
  executor: Executor,
  id: number,
  changes: Partial<Pick<UserRow, 'passwordHash' | 'displayName' | 'disabledAt'>>,
): Promise<void> {
  await executor.update(users).set(changes).where(eq(users.id, id));
}

export async function listGrants(executor: Executor, userId: number): Promise<RoleGrantRow[]> {
  return executor
    .select()
    .from(roleGrants)
    .where(eq(roleGrants.userId, userId))
    .orderBy(asc(roleGrants.prefix), asc(roleGrants.role));
}

export async function listAllGrants(executor: Executor): Promise<RoleGrantRow[]> {
  return executor.select().from(roleGrants).orderBy(asc(roleGrants.userId), asc(roleGrants.prefix));
}

/** Returns false when the grant existed already. */
export async function insertGrant(executor: Executor, row: RoleGrantRow): Promise<boolean> {
  const rows = await executor.insert(roleGrants).values(row).onConflictDoNothing().returning();
  return rows.length === 1;
}

/** Returns false when there was no such grant. */
export async function deleteGrant(
  executor: Executor,
  key: Pick<RoleGrantRow, 'userId' | 'role' | 'prefix'>,
): Promise<boolean> {
  const rows = await executor
    .delete(roleGrants)
    .where(
      and(
        eq(roleGrants.userId, key.userId),
        eq(roleGrants.role, key.role),
        eq(roleGrants.prefix, key.prefix),
      ),
    )
    .returning();
  return rows.length === 1;
}

export async function insertToken(
  executor: Executor,
  row: Omit<ApiTokenRow, 'id'>,
): Promise<ApiTokenRow | undefined> {
  const rows = await executor.insert(apiTokens).values(row).onConflictDoNothing().returning();
  return rows[0];
}

/** A token that is neither revoked nor expired at `now`, by the hash of its secret. */
export async function findLiveToken(
  executor: Executor,
  secretHash: string,
  now: Date,
): Promise<ApiTokenRow | undefined> {
  const rows = await executor
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.secretHash, secretHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  return rows[0];
}

export async function listTokens(executor: Executor, userId?: number): Promise<ApiTokenRow[]> {
  const query = executor.select().from(apiTokens);
  const filtered = userId === undefined ? query : query.where(eq(apiTokens.userId, userId));
  return filtered.orderBy(asc(apiTokens.userId), asc(apiTokens.name));
}

export async function revokeToken(
  executor: Executor,
  userId: number,
  name: string,
  at: Date,
): Promise<ApiTokenRow | undefined> {
  const rows = await executor
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), eq(apiTokens.name, name), isNull(apiTokens.revokedAt)))
    .returning();
  return rows[0];
}

export async function touchToken(executor: Executor, id: number, at: Date): Promise<void> {
  await executor.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

export async function insertSession(executor: Executor, row: SessionRow): Promise<void> {
  await executor.insert(sessions).values(row);
}

export async function findLiveSession(
  executor: Executor,
  secretHash: string,
  now: Date,
): Promise<SessionRow | undefined> {
  const rows = await executor
    .select()
    .from(sessions)
    .where(and(eq(sessions.secretHash, secretHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  return rows[0];
}

export async function revokeSession(executor: Executor, secretHash: string, at: Date): Promise<void> {
  await executor.update(sessions).set({ revokedAt: at }).where(eq(sessions.secretHash, secretHash));
}

/** Ends every session and token of a user, e.g. when the user is disabled. */
export async function revokeAllCredentials(executor: Executor, userId: number, at: Date): Promise<void> {
  await executor
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  await executor
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}
