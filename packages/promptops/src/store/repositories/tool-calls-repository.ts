import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { type ToolCallRow, toolCalls } from '../schema/index.ts';

/** Written after their run records, in the same batch (the foreign key needs the run first). */
export async function insertToolCalls(executor: Executor, rows: ToolCallRow[]): Promise<void> {
  if (rows.length === 0) return;
  await executor.insert(toolCalls).values(rows).onConflictDoNothing();
}

/** A run's tool calls in the order the model asked for them. */
export async function listToolCalls(executor: Executor, runId: string): Promise<ToolCallRow[]> {
  return executor.select().from(toolCalls).where(eq(toolCalls.runId, runId)).orderBy(asc(toolCalls.seq));
}
