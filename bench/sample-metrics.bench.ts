// Continuous evaluation (issue 6, item 7): what one /metrics scrape pays to read the sample scores
// from the store (sample-metrics.ts groups run_samples joined to run_records on every scrape), by
// how many samples are kept. 50 prompts × 10 versions × 2 arms; each prompt's newest 5 versions are
// exported: 500 prompt/version/arm combinations, 10 series each.
// Run: node bench/sample-metrics.bench.ts [--postgres postgres://user@host:5432/db]   (bench/RESULTS.md)
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { Registry } from 'prom-client';
import { Bench } from 'tinybench';
import { registerSampleMetrics } from '../packages/promptops/src/observability/metrics/sample-metrics.ts';
import { type DatabaseHandle, openDatabase } from '../packages/promptops/src/store/index.ts';

const SIZES = [1_000, 10_000, 100_000];
const postgresIndex = process.argv.indexOf('--postgres');
const postgresUrl = postgresIndex > 0 ? process.argv[postgresIndex + 1] : undefined;

/** Adds samples (and their run records) until the store holds `total`. */
async function fillTo(handle: DatabaseHandle, from: number, total: number): Promise<void> {
  await handle.db.execute(sql`
    insert into run_records (id, root_id, kind, prompt, version, arm, status, started_at, latency_ms, fallbacks, verdicts, metadata)
    select 'r' || g, 'r' || g, 'prompt', 'bench/p' || (g % 50), 1 + (g / 50) % 10,
           case when (g / 500) % 2 = 0 then 'stable' else 'canary' end, 'ok', now(), 10, '[]', '[]', '{}'
    from generate_series(${from + 1}::int, ${total}::int) g`);
  await handle.db.execute(sql`
    insert into run_samples (run_id, prompt, version, sampled_at, status, next_attempt_at, pass, judge_score, rating)
    select 'r' || g, 'bench/p' || (g % 50), 1 + (g / 50) % 10, now(),
           case when g % 10 = 0 then 'pending' else 'scored' end, now(),
           case when g % 10 = 0 then null else g % 3 <> 0 end,
           case when g % 10 = 0 then null else (g % 100) / 100.0 end,
           case when g % 7 = 0 then 'good' when g % 11 = 0 then 'bad' end
    from generate_series(${from + 1}::int, ${total}::int) g`);
}

async function scratchPostgres(url: string): Promise<{ handle: DatabaseHandle; drop(): Promise<void> }> {
  const name = `promptops_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  const handle = await openDatabase({ url: scratch.toString() });
  return { handle, drop: () => admin(`drop database if exists ${name} with (force)`) };
}

for (const store of postgresUrl ? ['pglite', 'postgres'] : ['pglite']) {
  const opened =
    store === 'postgres'
      ? await scratchPostgres(postgresUrl!)
      : { handle: await openDatabase({}), drop: async () => {} };
  const registry = new Registry();
  registerSampleMetrics(registry, { db: opened.handle.db });
  let held = 0;
  for (const size of SIZES) {
    await fillTo(opened.handle, held, size);
    held = size;
    const text = await registry.metrics();
    const series = text.split('\n').filter((line) => line.startsWith('promptops_sample')).length;
    const bench = new Bench({ time: 3000, iterations: 5 });
    bench.add(
      `${store}: scrape with ${size.toLocaleString('en')} samples kept (${series} series)`,
      async () => {
        await registry.metrics();
      },
    );
    await bench.run();
    for (const task of bench.tasks) {
      const latency = task.result && 'latency' in task.result ? task.result.latency : undefined;
      console.log(
        `${task.name}: p50 ${latency?.p50?.toFixed(1)} ms, mean ${latency?.mean.toFixed(1)} ms, p99 ${latency?.p99?.toFixed(1)} ms (${latency?.samplesCount ?? '?'} scrapes)`,
      );
    }
  }
  await opened.handle.close();
  await opened.drop();
}
