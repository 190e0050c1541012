import type { RunStats, StatsPoint } from '../../api/insight-types.ts';
import { type ChartSeries, LineChart } from '../charts/line-chart.tsx';
import { armLabel, bucketLabel, dollars, milliseconds, percent } from './format-insights.ts';

/** The lines a chart draws from one group of points (the totals, or one version and arm). */
interface Group {
  label: string;
  points: StatsPoint[];
}

/**
 * The monitoring charts from GET /api/runs/stats: runs, latency p50/p99, error and escalation
 * rates, guard triggers and cost per bucket — over every version, or one line per version and arm.
 */
export function RunCharts({ stats, split }: { stats: RunStats; split: boolean }) {
  const groups: Group[] = split
    ? stats.series.map((series) => ({ label: armLabel(series.version, series.arm), points: series.points }))
    : [{ label: 'all runs', points: stats.totals }];
  const label = (bucket: string) => bucketLabel(bucket, stats.bucket);
  const per = (pick: (point: StatsPoint) => number | null, name = (group: Group) => group.label) =>
    groups.map(
      (group, index): ChartSeries => ({
        label: name(group),
        values: valuesOf(stats.buckets, group.points, pick),
        // A group keeps its colour across charts; its second measure (p99, escalations) is dashed.
        colour: index,
      }),
    );
  const rate = (count: (point: StatsPoint) => number) => (point: StatsPoint) =>
    point.runs === 0 ? null : count(point) / point.runs;
  const suffix = (text: string) => (group: Group) => (split ? `${group.label} ${text}` : text);
  const chart = { buckets: stats.buckets, bucketLabel: label };
  return (
    <div className="chart-grid">
      <LineChart
        {...chart}
        testId="chart-latency"
        title="Latency p50 / p99"
        format={milliseconds}
        series={interleave(
          per((point) => point.p50LatencyMs, suffix('p50')),
          per((point) => point.p99LatencyMs, suffix('p99')).map((line) => ({ ...line, dashed: true })),
        )}
      />
      <LineChart
        {...chart}
        testId="chart-errors"
        title="Error and escalation rate"
        format={(value) => percent(value, 0)}
        series={interleave(
          per(
            rate((point) => point.failed),
            suffix('errors'),
          ),
          per(
            rate((point) => point.escalated),
            suffix('escalated'),
          ).map((line) => ({ ...line, dashed: true })),
        )}
      />
      <LineChart
        {...chart}
        testId="chart-runs"
        title="Runs"
        format={(value) => String(Math.round(value))}
        series={per((point) => point.runs)}
      />
      <LineChart
        {...chart}
        testId="chart-guards"
        title="Guard triggers (runs a guard redacted, escalated or blocked)"
        format={(value) => String(Math.round(value))}
        series={per((point) => point.guardTriggered)}
      />
      <LineChart
        {...chart}
        testId="chart-cost"
        title={`Cost per ${stats.bucket}`}
        format={dollars}
        series={per((point) => point.costUsd)}
      />
    </div>
  );
}

/** A value per bucket of the window: null where the group had no runs. */
function valuesOf(
  buckets: readonly string[],
  points: readonly StatsPoint[],
  pick: (point: StatsPoint) => number | null,
): (number | null)[] {
  const byBucket = new Map(points.map((point) => [point.bucket, point]));
  return buckets.map((bucket) => {
    const point = byBucket.get(bucket);
    return point ? pick(point) : null;
  });
}

/** p50 of v1, p99 of v1, p50 of v2, …: each group's two lines side by side in the legend. */
function interleave(first: ChartSeries[], second: ChartSeries[]): ChartSeries[] {
  return first.flatMap((line, index) => [line, second[index]!]);
}
