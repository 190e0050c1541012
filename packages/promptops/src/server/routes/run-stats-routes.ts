import type { FastifyInstance } from 'fastify';
import { PromptopsError } from '../../errors/index.ts';
import { authorize } from '../../governance/access/index.ts';
import { type RunStatsRow, runStats, type StatsBucket } from '../../store/index.ts';
import type { ServerDeps } from '../server-deps.ts';
import { ENVIRONMENT, NAME, TIME } from './schema-parts.ts';

const BUCKET_MS: Record<StatsBucket, number> = { hour: 3_600_000, day: 86_400_000 };
/** The window when `since` is absent: two days of hours, or thirty days. */
const DEFAULT_BUCKETS: Record<StatsBucket, number> = { hour: 48, day: 30 };
/** At most a month of hours or a year of days per answer. */
const MAX_BUCKETS = 744;

const QUERY = {
  type: 'object',
  additionalProperties: false,
  required: ['prompt'],
  properties: {
    prompt: { ...NAME, description: 'a prompt or chain name (run-read on it)' },
    environment: ENVIRONMENT,
    since: { ...TIME, description: 'from (inclusive); default 48 hours or 30 days before until' },
    until: { ...TIME, description: 'to (exclusive); default now' },
    bucket: { type: 'string', enum: ['hour', 'day'], default: 'hour' },
  },
} as const;

const NULLABLE_NUMBER = { type: ['number', 'null'] } as const;

const POINT = {
  type: 'object',
  properties: {
    bucket: { type: 'string', description: "the bucket's start, UTC" },
    version: { type: ['integer', 'null'] },
    arm: { type: ['string', 'null'] },
    runs: { type: 'integer' },
    p50LatencyMs: { type: 'number' },
    p99LatencyMs: { type: 'number' },
    failed: { type: 'integer' },
    escalated: { type: 'integer' },
    blocked: { type: 'integer' },
    uncertain: { type: 'integer' },
    guardTriggered: { type: 'integer', description: 'runs where a guard redacted, escalated or blocked' },
    costUsd: { ...NULLABLE_NUMBER, description: 'known costs summed; null when no run had a price' },
    unpricedRuns: { type: 'integer', description: 'runs without a price (not counted in costUsd)' },
  },
} as const;

const RESPONSE = {
  type: 'object',
  properties: {
    prompt: { type: 'string' },
    environment: { type: ['string', 'null'] },
    bucket: { type: 'string', enum: ['hour', 'day'] },
    since: { type: 'string' },
    until: { type: 'string' },
    buckets: { type: 'array', items: { type: 'string' }, description: 'every bucket start in the window' },
    totals: { type: 'array', items: POINT, description: 'per bucket, over every version and arm' },
    series: {
      type: 'array',
      description: 'per version and arm, its buckets with runs',
      items: {
        type: 'object',
        properties: {
          version: { type: ['integer', 'null'] },
          arm: { type: ['string', 'null'] },
          points: { type: 'array', items: POINT },
        },
      },
    },
  },
} as const;

interface StatsQuery {
  prompt: string;
  environment?: string;
  since?: string;
  until?: string;
  bucket: StatsBucket;
}

/**
 * `GET /api/runs/stats`: a prompt's run records over UTC time buckets, computed in SQL — per bucket
 * the runs, p50/p99 latency, failed/escalated/blocked/uncertain counts, guard triggers and cost, in
 * total and per version and arm (stable, canary). The monitoring page charts these. Needs run-read
 * on the prompt (viewer).
 */
export function runStatsRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get<{ Querystring: StatsQuery }>(
    '/api/runs/stats',
    { schema: { querystring: QUERY, response: { 200: RESPONSE } } },
    async (request) => {
      const { prompt, environment, bucket } = request.query;
      authorize(request.principal, 'run-read', prompt);
      const size = BUCKET_MS[bucket];
      // Whole buckets: the window starts and ends on bucket boundaries (UTC).
      const untilGiven = request.query.until === undefined ? Date.now() : Date.parse(request.query.until);
      const until = Math.ceil(untilGiven / size) * size || size;
      const since =
        request.query.since === undefined
          ? until - DEFAULT_BUCKETS[bucket] * size
          : Math.floor(Date.parse(request.query.since) / size) * size;
      if (since >= until) {
        throw new PromptopsError('invalid_argument', 'since must be before until', { parameter: 'since' });
      }
      if ((until - since) / size > MAX_BUCKETS) {
        throw new PromptopsError(
          'invalid_argument',
          `at most ${MAX_BUCKETS} buckets per request: narrow since/until or use bucket=day`,
          { parameter: 'bucket' },
        );
      }
      const filter = {
        prompt,
        ...(environment !== undefined && { environment }),
        since: new Date(since),
        until: new Date(until),
        bucket,
      };
      const totals = await runStats(deps.handle.db, { ...filter, byVersionAndArm: false });
      const split = await runStats(deps.handle.db, { ...filter, byVersionAndArm: true });
      const series = new Map<string, { version: number | null; arm: string | null; points: RunStatsRow[] }>();
      for (const row of split) {
        const key = `${row.version} ${row.arm}`;
        const entry = series.get(key) ?? { version: row.version, arm: row.arm, points: [] };
        entry.points.push(row);
        series.set(key, entry);
      }
      const buckets: string[] = [];
      for (let start = since; start < until; start += size) {
        buckets.push(new Date(start).toISOString().replace('.000Z', 'Z'));
      }
      return {
        prompt,
        environment: environment ?? null,
        bucket,
        since: new Date(since).toISOString(),
        until: new Date(until).toISOString(),
        buckets,
        totals,
        series: [...series.values()],
      };
    },
  );
}
