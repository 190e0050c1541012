import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The append-only, hash-chained audit log. `position` is assigned under the audit lock as
 * previous + 1 (not a sequence, whose gaps would hide a deleted row), and
 * `hash = sha256(prev_hash + canonical_json(entry))`.
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    position: bigint('position', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    targetKind: text('target_kind').notNull(),
    target: text('target').notNull(),
    reason: text('reason'),
    details: jsonb('details').notNull(),
    previousHash: text('previous_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    index('audit_entries_target_index').on(table.targetKind, table.target),
    index('audit_entries_at_index').on(table.at),
  ],
);

export type AuditEntryRow = typeof auditEntries.$inferSelect;
