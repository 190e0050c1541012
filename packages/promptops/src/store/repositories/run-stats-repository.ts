import { and, eq, gte, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { runRecords } from '../schema/index.ts';

export type StatsBucket = 'hour' | 'day';

export interface RunStatsFilter {
  prompt: string;
  environment?: string;
  /** From this time (inclusive) to `until` (exclusive). */
  since: Date;
  until: Date;
  bucket: StatsBucket;
  /** One row per bucket, version and arm (true), or per bucket over all of them (false). */
  byVersionAndArm: boolean;
}

/** What the runs of one time bucket (and, when split, one version and arm) came to. */
export interface RunStatsRow {
  /** The bucket's start in UTC, ISO 8601: `2026-03-01T10:00:00Z`. */
  bucket: string;
  /** null in the totals over every version. */
  version: number | null;
  arm: string | null;
  runs: number;
  p50LatencyMs: number;
  p99LatencyMs: number;
  failed: number;
  escalated: number;
  blocked: number;
  uncertain: number;
  /** Runs where some guard did more than allow (redacted, escalated or blocked). */
  guardTriggered: number;
  /** Sum of the known costs (USD); null when no run of the bucket had a price. */
  costUsd: number | null;
  /** Runs whose cost is unknown (no price): their spend is missing from costUsd, never counted as 0. */
  unpricedRuns: number;
}

/**
 * Run records aggregated over UTC time buckets in SQL (one query, on the `prompt, started_at`
 * index), for the monitoring charts: counts by outcome, latency percentiles (`percentile_cont`),
 * guard triggers and cost. Draft runs (arm `draft`: Try it, sandbox replays) are left out. The same
 * statement runs on PGlite and Postgres.
 *
 * @example
 * await runStats(db, { prompt: 'support/classify-intent', since, until, bucket: 'hour', byVersionAndArm: true });
 */
export async function runStats(executor: Executor, filter: RunStatsFilter): Promise<RunStatsRow[]> {
  // date_trunc's unit is one of two literals, never caller text.
  const unit = sql.raw(filter.bucket === 'hour' ? `'hour'` : `'day'`);
  const bucket = sql<string>`to_char(date_trunc(${unit}, ${runRecords.startedAt} at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
  const counted = (condition: SQL) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);
  const conditions: (SQL | undefined)[] = [
    eq(runRecords.prompt, filter.prompt),
    gte(runRecords.startedAt, filter.since),
    lt(runRecords.startedAt, filter.until),
    // Drafts (the editor's Try it, sandbox replays) are no traffic: the charts show what was served.
    or(isNull(runRecords.arm), ne(runRecords.arm, 'draft')),
  ];
  if (filter.environment !== undefined) conditions.push(eq(runRecords.environment, filter.environment));
  const split = filter.byVersionAndArm;
  const rows = await executor
    .select({
      bucket,
      version: split ? runRecords.version : sql<number | null>`null::integer`,
      arm: split ? runRecords.arm : sql<string | null>`null::text`,
      runs: sql<number>`count(*)`.mapWith(Number),
      p50LatencyMs: sql<number>`percentile_cont(0.5) within group (order by ${runRecords.latencyMs})`.mapWith(
        Number,
      ),
      p99LatencyMs:
        sql<number>`percentile_cont(0.99) within group (order by ${runRecords.latencyMs})`.mapWith(Number),
      failed: counted(sql`${runRecords.status} = 'failed'`),
      escalated: counted(sql`${runRecords.status} = 'escalated'`),
      blocked: counted(sql`${runRecords.status} = 'blocked'`),
      uncertain: counted(sql`${runRecords.status} = 'uncertain'`),
      guardTriggered: counted(
        sql`exists (select 1 from jsonb_array_elements(${runRecords.verdicts}) as verdict where verdict->>'action' <> 'allow')`,
      ),
      costUsd: sql<number | null>`sum(${runRecords.cost})`,
      unpricedRuns: counted(sql`${runRecords.cost} is null`),
    })
    .from(runRecords)
    .where(and(...conditions))
    .groupBy(...(split ? [sql`1`, runRecords.version, runRecords.arm] : [sql`1`]))
    .orderBy(sql`1`, ...(split ? [runRecords.version, runRecords.arm] : []));
  return rows.map((row) => ({ ...row, costUsd: row.costUsd === null ? null : Number(row.costUsd) }));
}
