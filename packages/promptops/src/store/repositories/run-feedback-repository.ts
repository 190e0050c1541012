import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { type RunFeedbackRow, runFeedback } from '../schema/index.ts';

export type NewRunFeedback = Omit<RunFeedbackRow, 'id'>;

export async function insertRunFeedback(executor: Executor, row: NewRunFeedback): Promise<RunFeedbackRow> {
  const [inserted] = await executor.insert(runFeedback).values(row).returning();
  if (!inserted) throw new Error('insert into run_feedback returned no row');
  return inserted;
}

/** The feedback on one run, oldest first; at most `limit` (the newest are what a reader wants least). */
export async function listRunFeedback(
  executor: Executor,
  runId: string,
  limit = 100,
): Promise<RunFeedbackRow[]> {
  return executor
    .select()
    .from(runFeedback)
    .where(eq(runFeedback.runId, runId))
    .orderBy(asc(runFeedback.id))
    .limit(limit);
}
