import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { type ExperimentRow, experiments } from '../schema/index.ts';
import { namePrefixCondition } from './name-prefix-condition.ts';

export type NewExperiment = Omit<ExperimentRow, 'id' | 'endedBy' | 'endedAt' | 'endReason' | 'result'>;

/** Inserts a running experiment; undefined when one already runs for the prompt and environment. */
export async function insertExperiment(
  executor: Executor,
  row: NewExperiment,
): Promise<ExperimentRow | undefined> {
  const [inserted] = await executor.insert(experiments).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findExperiment(executor: Executor, id: number): Promise<ExperimentRow | undefined> {
  const [row] = await executor.select().from(experiments).where(eq(experiments.id, id));
  return row;
}

/** The row locked for update: ending an experiment (stop, conclusion, interruption) happens once. */
export async function lockExperiment(executor: Executor, id: number): Promise<ExperimentRow | undefined> {
  const [row] = await executor.select().from(experiments).where(eq(experiments.id, id)).for('update');
  return row;
}

/** The running experiment of a prompt in an environment, if any. */
export async function findRunningExperiment(
  executor: Executor,
  prompt: string,
  environment: string,
): Promise<ExperimentRow | undefined> {
  const [row] = await executor
    .select()
    .from(experiments)
    .where(
      and(
        eq(experiments.prompt, prompt),
        eq(experiments.environment, environment),
        eq(experiments.state, 'running'),
      ),
    );
  return row;
}

export interface ExperimentFilter {
  prompt?: string;
  state?: string;
  /**
   * Only prompts under these folders or with these names (the caller's grants, so the limit counts
   * rows the caller may read); '' covers all, an empty list matches none. Undefined: no condition.
   */
  namePrefixes?: readonly string[];
  limit?: number;
}

/** Experiments newest first, by prompt, state and name prefixes when given. */
export async function listExperiments(
  executor: Executor,
  filter: ExperimentFilter = {},
): Promise<ExperimentRow[]> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.prompt !== undefined) conditions.push(eq(experiments.prompt, filter.prompt));
  if (filter.state !== undefined) conditions.push(eq(experiments.state, filter.state));
  if (filter.namePrefixes) {
    const covered = namePrefixCondition(experiments.prompt, filter.namePrefixes);
    if (covered === false) return [];
    conditions.push(covered);
  }
  return executor
    .select()
    .from(experiments)
    .where(conditions.length > 0 ? and(...conditions) : sql`true`)
    .orderBy(desc(experiments.id))
    .limit(filter.limit ?? 100);
}

export interface ExperimentEnding {
  state: 'concluded' | 'interrupted' | 'stopped';
  endedBy: string;
  endedAt: Date;
  endReason: string;
  result: Record<string, unknown>;
}

/** Ends a running experiment; false when it had already ended (another replica or a person got there first). */
export async function endExperiment(
  executor: Executor,
  id: number,
  ending: ExperimentEnding,
): Promise<boolean> {
  const rows = await executor
    .update(experiments)
    .set(ending)
    .where(and(eq(experiments.id, id), eq(experiments.state, 'running')))
    .returning({ id: experiments.id });
  return rows.length > 0;
}
