import { Counter, Gauge, type Registry } from 'prom-client';
import { type Database, type SampleMetricRow, sampleMetricCounts } from '../../store/index.ts';

export interface SampleMetricsOptions {
  db: Database;
  /** Versions per prompt exported, newest first; older ones drop out of the metrics. Default 5. */
  versionsPerPrompt?: number;
}

type Labels = 'prompt' | 'version' | 'arm';

/**
 * Continuous-evaluation scores as Prometheus metrics (issue 6, item 7: "scores become metrics"), per
 * prompt, version and arm: sampled runs by scoring state, scored samples by the online assertions'
 * verdict, the judge's mean score and how many it graded, and people's good/bad ratings.
 *
 * They are read from `run_samples` when scraped, not counted as events: a sample is queued by the
 * process that ran it, scored by whichever worker leased it (or `promptops samples score`) and rated
 * over the CLI or REST, so only the store sees all of it. Every replica therefore reports the same
 * figures — aggregate with `max`, not `sum` — and they agree with `promptops samples stats`. Gauges,
 * not counters: retention prunes old samples. Cardinality stays bounded by the catalog: labels come
 * from prompt names, version numbers and the fixed arms, and only each prompt's newest
 * `versionsPerPrompt` versions with samples are exported. Scrapes that arrive together share one
 * query; a query that fails leaves the sample series out of that scrape and counts the failure.
 *
 * @example registerSampleMetrics(createRunMetrics().registry, { db: handle.db });
 */
export function registerSampleMetrics(registry: Registry, options: SampleMetricsOptions): void {
  const versionsPerPrompt = options.versionsPerPrompt ?? 5;
  const labelNames = ['prompt', 'version', 'arm'] as const;
  const failures = new Counter({
    name: 'promptops_sample_metrics_errors_total',
    help: 'Scrapes whose continuous-evaluation figures could not be read from the store.',
    registers: [registry],
    // Counted when this scrape's read fails, so the failing scrape already shows it.
    async collect() {
      await snapshot();
    },
  });
  let inFlight: Promise<SampleMetricRow[] | null> | undefined;
  const snapshot = () => {
    inFlight ??= Promise.resolve()
      .then(() => sampleMetricCounts(options.db))
      .then((rows) => newestVersions(rows, versionsPerPrompt))
      .catch(() => {
        failures.inc();
        return null;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  /** A gauge filled from the shared snapshot when scraped: one series per row and each of `values`. */
  function gauge<Extra extends string>(
    name: string,
    help: string,
    extra: readonly Extra[],
    values: (row: SampleMetricRow) => [Record<Extra, string>, number | null][],
  ): void {
    new Gauge<Labels | Extra>({
      name,
      help,
      labelNames: [...labelNames, ...extra],
      registers: [registry],
      async collect() {
        const rows = await snapshot();
        this.reset();
        for (const row of rows ?? []) {
          const labels = { prompt: row.prompt, version: String(row.version), arm: row.arm };
          for (const [more, value] of values(row)) {
            if (value !== null) this.set({ ...labels, ...more } as Record<Labels | Extra, string>, value);
          }
        }
      },
    });
  }

  gauge(
    'promptops_samples',
    'Sampled live runs by scoring state (pending, scored, failed).',
    ['scoring'],
    (row) => [
      [{ scoring: 'pending' }, row.pending],
      [{ scoring: 'scored' }, row.scored],
      [{ scoring: 'failed' }, row.failed],
    ],
  );
  gauge(
    'promptops_sample_online_results',
    "Scored samples by the online assertions' verdict (pass, fail, unmeasured).",
    ['result'],
    (row) => [
      [{ result: 'pass' }, row.passed],
      [{ result: 'fail' }, row.notPassed],
      [{ result: 'unmeasured' }, row.unmeasured],
    ],
  );
  gauge(
    'promptops_sample_judge_score_mean',
    'Mean score (0..1) the judge gave the rubric, over the samples it graded; absent when it graded none.',
    [],
    (row) => [[{}, row.judgeMean]],
  );
  gauge('promptops_sample_judged', 'Samples the judge graded against the rubric.', [], (row) => [
    [{}, row.judged],
  ]);
  gauge(
    'promptops_sample_ratings',
    "People's ratings of sampled runs in the review queue (good, bad).",
    ['rating'],
    (row) => [
      [{ rating: 'good' }, row.good],
      [{ rating: 'bad' }, row.bad],
    ],
  );
}

/** Each prompt's newest `keep` versions: old versions leave the metrics instead of piling up. */
function newestVersions(rows: readonly SampleMetricRow[], keep: number): SampleMetricRow[] {
  const versions = new Map<string, Set<number>>();
  for (const row of rows) {
    const seen = versions.get(row.prompt) ?? new Set();
    seen.add(row.version);
    versions.set(row.prompt, seen);
  }
  const kept = new Map(
    [...versions].map(([prompt, seen]) => [prompt, new Set([...seen].sort((a, b) => b - a).slice(0, keep))]),
  );
  return rows.filter((row) => kept.get(row.prompt)?.has(row.version));
}
