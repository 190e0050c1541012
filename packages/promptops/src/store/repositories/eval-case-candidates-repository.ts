import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { type EvalCaseCandidateRow, evalCaseCandidates } from '../schema/index.ts';
import { namePrefixCondition } from './name-prefix-condition.ts';

export type NewEvalCaseCandidate = Pick<
  EvalCaseCandidateRow,
  'suite' | 'prompt' | 'source' | 'testCase' | 'variablesFrom' | 'proposedBy' | 'proposedAt'
>;

export async function insertEvalCaseCandidate(
  executor: Executor,
  row: NewEvalCaseCandidate,
): Promise<EvalCaseCandidateRow> {
  const [inserted] = await executor.insert(evalCaseCandidates).values(row).returning();
  if (!inserted) throw new Error('insert into eval_case_candidates returned no row');
  return inserted;
}

export async function findEvalCaseCandidate(
  executor: Executor,
  id: number,
): Promise<EvalCaseCandidateRow | undefined> {
  const rows = await executor.select().from(evalCaseCandidates).where(eq(evalCaseCandidates.id, id));
  return rows[0];
}

export interface EvalCaseCandidateFilter {
  suite?: string;
  prompt?: string;
  state?: 'proposed' | 'added' | 'dismissed';
  /** Only candidates for prompts under these folders or with these names; '' covers all. */
  namePrefixes?: readonly string[];
  beforeId?: number;
  limit?: number;
}

/** Newest first. */
export async function listEvalCaseCandidates(
  executor: Executor,
  filter: EvalCaseCandidateFilter = {},
): Promise<EvalCaseCandidateRow[]> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.suite !== undefined) conditions.push(eq(evalCaseCandidates.suite, filter.suite));
  if (filter.prompt !== undefined) conditions.push(eq(evalCaseCandidates.prompt, filter.prompt));
  if (filter.state !== undefined) conditions.push(eq(evalCaseCandidates.state, filter.state));
  if (filter.beforeId !== undefined) conditions.push(lt(evalCaseCandidates.id, filter.beforeId));
  if (filter.namePrefixes) {
    const covered = namePrefixCondition(evalCaseCandidates.prompt, filter.namePrefixes);
    if (covered === false) return [];
    conditions.push(covered);
  }
  return executor
    .select()
    .from(evalCaseCandidates)
    .where(and(...conditions))
    .orderBy(desc(evalCaseCandidates.id))
    .limit(filter.limit ?? 50);
}

/**
 * Settles a proposed candidate (added to a file, or dismissed) in one conditional statement, so of
 * two racing decisions exactly one lands. Undefined when it is missing or already decided.
 */
export async function decideEvalCaseCandidate(
  executor: Executor,
  id: number,
  decision: Pick<EvalCaseCandidateRow, 'state' | 'decidedBy' | 'decidedAt' | 'decision'>,
): Promise<EvalCaseCandidateRow | undefined> {
  const rows = await executor
    .update(evalCaseCandidates)
    .set(decision)
    .where(and(eq(evalCaseCandidates.id, id), eq(evalCaseCandidates.state, 'proposed')))
    .returning();
  return rows[0];
}
