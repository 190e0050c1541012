import { and, eq, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { runFeedback, runRecords, runSamples } from '../schema/index.ts';

/** The goal and guardrail metrics an experiment can measure from run records (docs/experiments.md). */
export const EXPERIMENT_METRICS = [
  'feedback',
  'judge',
  'online-pass',
  'error-rate',
  'escalation-rate',
  'block-rate',
  'cost',
  'latency',
] as const;
export type ExperimentMetricName = (typeof EXPERIMENT_METRICS)[number];

/** Which runs belong to an experiment: its prompt and environment, each arm's version, a time window. */
export interface ExperimentRunsFilter {
  prompt: string;
  environment: string;
  controlVersion: number;
  treatmentVersion: number;
  since: Date;
  until: Date;
}

/**
 * One arm's figures for one metric. A rate has `successes` of `n`; a mean has `mean`, `variance`
 * (sample variance, null below two samples) and `median`. `runs` counts every run of the arm in the
 * window; `excluded` those the metric could not measure (no feedback, no price, not sampled).
 */
export interface ArmFigureRow {
  arm: 'control' | 'treatment';
  runs: number;
  n: number;
  successes: number | null;
  mean: number | null;
  variance: number | null;
  median: number | null;
  excluded: number;
}

const RATE_CONDITIONS: Partial<Record<ExperimentMetricName, SQL>> = {
  'error-rate': sql`${runRecords.status} = 'failed'`,
  'escalation-rate': sql`${runRecords.status} in ('escalated', 'uncertain')`,
  'block-rate': sql`${runRecords.status} = 'blocked'`,
};

/** control = the stable arm serving the control version; treatment = the canary arm serving the treatment version. */
const armOf = () => sql<string>`case when ${runRecords.arm} = 'stable' then 'control' else 'treatment' end`;

function runsIn(filter: ExperimentRunsFilter): SQL {
  return and(
    eq(runRecords.prompt, filter.prompt),
    eq(runRecords.environment, filter.environment),
    gte(runRecords.startedAt, filter.since),
    lt(runRecords.startedAt, filter.until),
    or(
      and(eq(runRecords.arm, 'stable'), eq(runRecords.version, filter.controlVersion)),
      and(eq(runRecords.arm, 'canary'), eq(runRecords.version, filter.treatmentVersion)),
    ),
  ) as SQL;
}

const count = (condition?: SQL) =>
  (condition ? sql<number>`count(*) filter (where ${condition})` : sql<number>`count(*)`).mapWith(Number);
const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/**
 * Per arm, the figures of one metric over an experiment's runs, aggregated in SQL (one or two
 * statements on the `prompt, started_at` index; no run is loaded). Feedback is averaged per run
 * first, so a run many users scored counts once; judge and online-pass read the scored samples.
 *
 * @example
 * await experimentArmFigures(db, { prompt, environment: 'production', controlVersion: 1, treatmentVersion: 2, since, until }, 'error-rate');
 */
export async function experimentArmFigures(
  executor: Executor,
  filter: ExperimentRunsFilter,
  metric: ExperimentMetricName,
): Promise<ArmFigureRow[]> {
  const arm = armOf();
  const totals = await executor
    .select({ arm, runs: count() })
    .from(runRecords)
    .where(runsIn(filter))
    .groupBy(sql`1`);
  const runsByArm = new Map(totals.map((row) => [row.arm, row.runs]));
  const measured = await measure(executor, filter, metric);
  return (['control', 'treatment'] as const).map((name) => {
    const runs = runsByArm.get(name) ?? 0;
    const row = measured.find((candidate) => candidate.arm === name);
    const n = row?.n ?? 0;
    const rate = RATE_CONDITIONS[metric] !== undefined || metric === 'online-pass';
    return {
      arm: name,
      runs,
      n,
      successes: rate ? (row?.successes ?? 0) : null,
      mean: rate ? (n > 0 ? (row?.successes ?? 0) / n : null) : (row?.mean ?? null),
      variance: row?.variance ?? null,
      median: row?.median ?? null,
      excluded: Math.max(0, runs - n),
    };
  });
}

interface MeasuredRow {
  arm: string;
  n: number;
  successes: number | null;
  mean: number | null;
  variance: number | null;
  median: number | null;
}

async function measure(
  executor: Executor,
  filter: ExperimentRunsFilter,
  metric: ExperimentMetricName,
): Promise<MeasuredRow[]> {
  const arm = armOf();
  const rate = RATE_CONDITIONS[metric];
  if (rate) {
    const rows = await executor
      .select({ arm, n: count(), successes: count(rate) })
      .from(runRecords)
      .where(runsIn(filter))
      .groupBy(sql`1`);
    return rows.map((row) => ({ ...row, mean: null, variance: null, median: null }));
  }
  if (metric === 'cost' || metric === 'latency') {
    const column = metric === 'cost' ? runRecords.cost : runRecords.latencyMs;
    const rows = await executor
      .select({
        arm,
        n: count(sql`${column} is not null`),
        mean: sql`avg(${column})`,
        variance: sql`var_samp(${column})`,
        median: sql`percentile_cont(0.5) within group (order by ${column})`,
      })
      .from(runRecords)
      .where(runsIn(filter))
      .groupBy(sql`1`);
    return rows.map((row) => ({
      arm: row.arm,
      n: row.n,
      successes: null,
      mean: nullableNumber(row.mean),
      variance: nullableNumber(row.variance),
      median: nullableNumber(row.median),
    }));
  }
  if (metric === 'online-pass') {
    const rows = await executor
      .select({ arm, n: count(), successes: count(sql`${runSamples.pass}`) })
      .from(runRecords)
      .innerJoin(runSamples, eq(runSamples.runId, runRecords.id))
      .where(and(runsIn(filter), eq(runSamples.status, 'scored'), sql`${runSamples.pass} is not null`))
      .groupBy(sql`1`);
    return rows.map((row) => ({ ...row, mean: null, variance: null, median: null }));
  }
  // feedback (each run's mean score) and judge (the sample's judge score): one value per run.
  const perRun =
    metric === 'feedback'
      ? executor
          .select({
            arm: sql<string>`${arm}`.as('arm'),
            value: sql<number>`avg(${runFeedback.score})`.as('value'),
          })
          .from(runRecords)
          .innerJoin(runFeedback, eq(runFeedback.runId, runRecords.id))
          .where(runsIn(filter))
          .groupBy(runRecords.id, runRecords.arm)
          .as('per_run')
      : executor
          .select({
            arm: sql<string>`${arm}`.as('arm'),
            value: sql<number>`${runSamples.judgeScore}`.as('value'),
          })
          .from(runRecords)
          .innerJoin(runSamples, eq(runSamples.runId, runRecords.id))
          .where(and(runsIn(filter), sql`${runSamples.judgeScore} is not null`))
          .as('per_run');
  const rows = await executor
    .select({
      arm: perRun.arm,
      n: count(),
      mean: sql`avg(${perRun.value})`,
      variance: sql`var_samp(${perRun.value})`,
      median: sql`percentile_cont(0.5) within group (order by ${perRun.value})`,
    })
    .from(perRun)
    .groupBy(perRun.arm);
  return rows.map((row) => ({
    arm: row.arm,
    n: row.n,
    successes: null,
    mean: nullableNumber(row.mean),
    variance: nullableNumber(row.variance),
    median: nullableNumber(row.median),
  }));
}
