import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { type BudgetLedgerRow, budgetLedger } from '../schema/index.ts';

/**
 * Reserves up to `amount` of a budget's period for one replica, never beyond `limit` in total
 * (spent + reserved). Atomic in one statement, so replicas racing for the last chunk cannot both
 * get it. Returns what was granted (0 when the budget is used up).
 */
export async function reserveBudget(
  executor: Executor,
  input: { budget: string; period: string; amount: number; limit: number; at: Date },
): Promise<number> {
  return executor.transaction(async (tx) => {
    await tx
      .insert(budgetLedger)
      .values({ budget: input.budget, period: input.period, spent: 0, reserved: 0, updatedAt: input.at })
      .onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(budgetLedger)
      .where(and(eq(budgetLedger.budget, input.budget), eq(budgetLedger.period, input.period)))
      .for('update');
    const granted = Math.max(0, Math.min(input.amount, input.limit - row!.spent - row!.reserved));
    if (granted > 0) {
      await tx
        .update(budgetLedger)
        .set({ reserved: row!.reserved + granted, updatedAt: input.at })
        .where(and(eq(budgetLedger.budget, input.budget), eq(budgetLedger.period, input.period)));
    }
    return granted;
  });
}

/** Moves actual spend out of a replica's reservation: `spent += spent`, `reserved -= released`. */
export async function settleBudget(
  executor: Executor,
  input: { budget: string; period: string; spent: number; released: number; at: Date },
): Promise<void> {
  await executor
    .update(budgetLedger)
    .set({
      spent: sql`${budgetLedger.spent} + ${input.spent}::float8`,
      reserved: sql`greatest(0, ${budgetLedger.reserved} - ${input.released}::float8)`,
      updatedAt: input.at,
    })
    .where(and(eq(budgetLedger.budget, input.budget), eq(budgetLedger.period, input.period)));
}

export async function readBudget(
  executor: Executor,
  budget: string,
  period: string,
): Promise<BudgetLedgerRow | undefined> {
  const rows = await executor
    .select()
    .from(budgetLedger)
    .where(and(eq(budgetLedger.budget, budget), eq(budgetLedger.period, period)));
  return rows[0];
}
