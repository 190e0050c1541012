import { and, asc, desc, eq, inArray, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { type RunRecordRow, type RunSampleRow, runRecords, runSamples } from '../schema/index.ts';
import { namePrefixCondition } from './name-prefix-condition.ts';

export type NewRunSample = Pick<RunSampleRow, 'runId' | 'prompt' | 'version' | 'sampledAt'>;

/** Queues sampled runs for scoring; a run already queued is left as it is. */
export async function insertRunSamples(executor: Executor, rows: readonly NewRunSample[]): Promise<void> {
  if (rows.length === 0) return;
  await executor
    .insert(runSamples)
    .values(rows.map((row) => ({ ...row, nextAttemptAt: row.sampledAt })))
    .onConflictDoNothing({ target: runSamples.runId });
}

/**
 * Claims pending samples that are due by leasing them: their next attempt moves to `leaseUntil`, so
 * no other worker takes them meanwhile (rows another worker is claiming are skipped), and one whose
 * worker died is scored again when the lease ends. Run it in a short transaction of its own.
 */
export async function claimDueSamples(
  executor: Executor,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<RunSampleRow[]> {
  const due = await executor
    .select({ id: runSamples.id })
    .from(runSamples)
    .where(and(eq(runSamples.status, 'pending'), lte(runSamples.nextAttemptAt, now)))
    .orderBy(asc(runSamples.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  if (due.length === 0) return [];
  return executor
    .update(runSamples)
    .set({ nextAttemptAt: leaseUntil })
    .where(
      inArray(
        runSamples.id,
        due.map((row) => row.id),
      ),
    )
    .returning();
}

export type SampleScoreChanges = Pick<
  RunSampleRow,
  | 'status'
  | 'attempts'
  | 'nextAttemptAt'
  | 'lastError'
  | 'scoredAt'
  | 'pass'
  | 'score'
  | 'assertions'
  | 'judge'
  | 'judgeScore'
>;

/** Stores a scoring attempt's outcome; touches no rating column, so it never undoes a rating. */
export async function recordSampleScore(
  executor: Executor,
  id: number,
  changes: Partial<SampleScoreChanges>,
): Promise<void> {
  await executor.update(runSamples).set(changes).where(eq(runSamples.id, id));
}

/** A sample with the run record it samples (the redacted input and output are there). */
export interface RunSampleWithRecord {
  sample: RunSampleRow;
  record: RunRecordRow;
}

export interface RunSampleFilter {
  prompt?: string;
  version?: number;
  /** Only samples nobody has rated yet: the review queue. */
  unrated?: boolean;
  /** Only samples a person rated so. */
  rating?: 'good' | 'bad';
  /** Only samples in this scoring state. */
  status?: 'pending' | 'scored' | 'failed';
  /** As RunRecordFilter's: only prompts under these folders or with these names; '' covers all. */
  namePrefixes?: readonly string[];
  /** Only samples older than this id (the next page, newest first). */
  beforeId?: number;
  limit?: number;
}

/** Newest first. */
export async function listRunSamples(
  executor: Executor,
  filter: RunSampleFilter = {},
): Promise<RunSampleWithRecord[]> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.prompt !== undefined) conditions.push(eq(runSamples.prompt, filter.prompt));
  if (filter.version !== undefined) conditions.push(eq(runSamples.version, filter.version));
  if (filter.unrated) conditions.push(isNull(runSamples.rating));
  if (filter.rating !== undefined) conditions.push(eq(runSamples.rating, filter.rating));
  if (filter.status !== undefined) conditions.push(eq(runSamples.status, filter.status));
  if (filter.beforeId !== undefined) conditions.push(lt(runSamples.id, filter.beforeId));
  if (filter.namePrefixes) {
    const covered = namePrefixCondition(runSamples.prompt, filter.namePrefixes);
    if (covered === false) return [];
    conditions.push(covered);
  }
  return executor
    .select({ sample: runSamples, record: runRecords })
    .from(runSamples)
    .innerJoin(runRecords, eq(runRecords.id, runSamples.runId))
    .where(and(...conditions))
    .orderBy(desc(runSamples.id))
    .limit(filter.limit ?? 50);
}

export async function findRunSample(
  executor: Executor,
  id: number,
): Promise<RunSampleWithRecord | undefined> {
  const rows = await executor
    .select({ sample: runSamples, record: runRecords })
    .from(runSamples)
    .innerJoin(runRecords, eq(runRecords.id, runSamples.runId))
    .where(eq(runSamples.id, id));
  return rows[0];
}

/**
 * Rates a sample that has no rating yet, in one statement: of two racing ratings exactly one
 * matches `rating is null` (Postgres re-checks the condition on the row the first one committed),
 * so the first wins whole and the second changes nothing. Returns the rated row, or undefined
 * when the sample is missing or already rated.
 */
export async function rateRunSample(
  executor: Executor,
  id: number,
  rating: Pick<RunSampleRow, 'rating' | 'ratingComment' | 'ratedBy' | 'ratedAt'>,
): Promise<RunSampleRow | undefined> {
  const rows = await executor
    .update(runSamples)
    .set(rating)
    .where(and(eq(runSamples.id, id), isNull(runSamples.rating)))
    .returning();
  return rows[0];
}

/** Continuous-evaluation figures of one prompt version. */
export interface SampleStatsRow {
  version: number;
  samples: number;
  /** Samples scored, and samples scoring gave up on; the rest are pending. */
  scored: number;
  failed: number;
  /** Scored samples whose online assertions were measured, and how many of those passed. */
  measured: number;
  passed: number;
  /** Mean judge score over samples the judge graded; null when it graded none. */
  judgeMean: number | null;
  judged: number;
  good: number;
  bad: number;
}

/** Per version of `prompt`, newest version first. */
export async function sampleStats(executor: Executor, prompt: string): Promise<SampleStatsRow[]> {
  const rows = await executor
    .select({
      version: runSamples.version,
      samples: sql<number>`count(*)::int`,
      scored: sql<number>`(count(*) filter (where ${runSamples.status} = 'scored'))::int`,
      failed: sql<number>`(count(*) filter (where ${runSamples.status} = 'failed'))::int`,
      measured: sql<number>`(count(${runSamples.pass}) filter (where ${runSamples.status} = 'scored'))::int`,
      passed: sql<number>`(count(*) filter (where ${runSamples.status} = 'scored' and ${runSamples.pass}))::int`,
      judgeMean: sql<number | null>`avg(${runSamples.judgeScore})::float8`,
      judged: sql<number>`count(${runSamples.judgeScore})::int`,
      good: sql<number>`(count(*) filter (where ${runSamples.rating} = 'good'))::int`,
      bad: sql<number>`(count(*) filter (where ${runSamples.rating} = 'bad'))::int`,
    })
    .from(runSamples)
    .where(eq(runSamples.prompt, prompt))
    .groupBy(runSamples.version)
    .orderBy(desc(runSamples.version));
  return rows;
}

/** Continuous-evaluation counts of one prompt version and arm, for the metrics. */
export interface SampleMetricRow {
  prompt: string;
  version: number;
  /** The run's arm (stable, canary, latest, pinned); '' when the record has none. */
  arm: string;
  pending: number;
  scored: number;
  failed: number;
  /** Scored samples by the online assertions' verdict. */
  passed: number;
  notPassed: number;
  unmeasured: number;
  judged: number;
  /** Mean judge score of the graded samples; null when none were graded. */
  judgeMean: number | null;
  good: number;
  bad: number;
}

/** Per prompt, version and arm (the run record's), over every sample kept. */
export async function sampleMetricCounts(executor: Executor): Promise<SampleMetricRow[]> {
  const scored = sql`${runSamples.status} = 'scored'`;
  return executor
    .select({
      prompt: runSamples.prompt,
      version: runSamples.version,
      arm: sql<string>`coalesce(${runRecords.arm}, '')`,
      pending: sql<number>`(count(*) filter (where ${runSamples.status} = 'pending'))::int`,
      scored: sql<number>`(count(*) filter (where ${scored}))::int`,
      failed: sql<number>`(count(*) filter (where ${runSamples.status} = 'failed'))::int`,
      passed: sql<number>`(count(*) filter (where ${scored} and ${runSamples.pass}))::int`,
      notPassed: sql<number>`(count(*) filter (where ${scored} and not ${runSamples.pass}))::int`,
      unmeasured: sql<number>`(count(*) filter (where ${scored} and ${runSamples.pass} is null))::int`,
      judged: sql<number>`count(${runSamples.judgeScore})::int`,
      judgeMean: sql<number | null>`avg(${runSamples.judgeScore})::float8`,
      good: sql<number>`(count(*) filter (where ${runSamples.rating} = 'good'))::int`,
      bad: sql<number>`(count(*) filter (where ${runSamples.rating} = 'bad'))::int`,
    })
    .from(runSamples)
    .innerJoin(runRecords, eq(runRecords.id, runSamples.runId))
    .groupBy(runSamples.prompt, runSamples.version, sql`coalesce(${runRecords.arm}, '')`);
}
