import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** People who sign in to the web UI, and the owners of API tokens. Passwords are stored as scrypt hashes. */
export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name'),
    passwordHash: text('password_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('users_username_unique').on(table.username)],
);

/**
 * API tokens: only the SHA-256 of the secret is stored (a token is 32 random bytes, so a fast hash is
 * enough; a slow one would cost every request). `prefix` is shown in listings to tell tokens apart.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('api_tokens_secret_hash_unique').on(table.secretHash),
    uniqueIndex('api_tokens_user_name_unique').on(table.userId, table.name),
  ],
);

/** Web sessions; the cookie carries the secret, the store its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    secretHash: text('secret_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('sessions_user_index').on(table.userId)],
);

/** A role granted on a name prefix (`support/`; '' for the whole catalog). */
export const roleGrants = pgTable(
  'role_grants',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    prefix: text('prefix').notNull(),
    grantedBy: text('granted_by').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.role, table.prefix] }),
    check(
      'role_grants_role_check',
      sql`${table.role} in ('viewer', 'author', 'reviewer', 'approver', 'deployer', 'admin')`,
    ),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type RoleGrantRow = typeof roleGrants.$inferSelect;
