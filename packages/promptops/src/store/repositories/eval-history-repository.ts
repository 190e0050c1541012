import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { artifacts, type EvalResultRow, evalResults } from '../schema/index.ts';

/**
 * Every recorded eval result of an artifact (or of one suite of it) across its versions: by suite,
 * then version, newest first within a version and suite, so the first of each pair is the one that
 * counts. The evaluations page builds its cases × versions matrix from these.
 */
export async function listEvalHistory(
  executor: Executor,
  artifactId: number,
  suite?: string,
): Promise<EvalResultRow[]> {
  const conditions: SQL[] = [eq(evalResults.artifactId, artifactId)];
  if (suite !== undefined) conditions.push(eq(evalResults.suite, suite));
  return executor
    .select()
    .from(evalResults)
    .where(and(...conditions))
    .orderBy(asc(evalResults.suite), asc(evalResults.version), desc(evalResults.id));
}

/**
 * The newest eval results one actor recorded (the drift watch's, `system:drift`), with the name of
 * the artifact each is on: newest first, at most `limit`.
 */
export async function listEvalResultsRecordedBy(
  executor: Executor,
  recordedBy: string,
  limit: number,
): Promise<(EvalResultRow & { name: string })[]> {
  const rows = await executor
    .select({ result: evalResults, name: artifacts.name })
    .from(evalResults)
    .innerJoin(artifacts, eq(artifacts.id, evalResults.artifactId))
    .where(eq(evalResults.recordedBy, recordedBy))
    .orderBy(desc(evalResults.id))
    .limit(limit);
  return rows.map((row) => ({ ...row.result, name: row.name }));
}
