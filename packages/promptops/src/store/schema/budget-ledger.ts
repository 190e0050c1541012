import { doublePrecision, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Spend per budget and period, shared by every replica. A replica leases a chunk (`reserved`) before
 * spending it locally and settles actual spend into `spent`, so the total can pass the hard limit
 * by at most one chunk per replica (DESIGN.md section 5).
 */
export const budgetLedger = pgTable(
  'budget_ledger',
  {
    budget: text('budget').notNull(),
    period: text('period').notNull(),
    spent: doublePrecision('spent').notNull().default(0),
    reserved: doublePrecision('reserved').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.budget, table.period] })],
);

export type BudgetLedgerRow = typeof budgetLedger.$inferSelect;
