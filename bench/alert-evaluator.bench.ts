// Alerts (issue 7, item 6): what the runtime's alert observer costs per run (it is on every run's
// path), what one evaluation round costs off that path, and the memory a series holds.
// Run: node --expose-gc bench/alert-evaluator.bench.ts   (figures: bench/RESULTS.md)
import { Bench } from 'tinybench';
import { Policies } from '../packages/promptops/src/governance/policies/policies-schema.ts';
import { createAlertEvaluator } from '../packages/promptops/src/observability/alerts/alert-evaluator.ts';
import type { RunResult } from '../packages/promptops/src/runtime/run-result.ts';

const { alerts } = Policies.parse({
  alerts: [
    { name: 'errors', condition: 'error_rate > 0.05', for: '5m', severity: 'critical', action: 'rollback' },
    { name: 'slow', condition: 'p99_latency_ms > 5000', for: '10m', severity: 'warning' },
    { name: 'spike', condition: 'hourly_cost > 2 * baseline_hourly_cost', for: '1h', severity: 'warning' },
  ],
});

const run = (index: number, series: number): RunResult => ({
  status: index % 20 === 0 ? 'failed' : 'ok',
  runId: 'r',
  prompt: `support/prompt-${series % 100}`,
  version: 1 + (series % 2),
  arm: series % 4 < 2 ? 'stable' : 'canary',
  environment: 'production',
  output: '',
  model: 'openai/gpt-4o-mini',
  usage: null,
  cost: { amount: 0.0004, currency: 'USD' },
  attempts: [],
  validationRetries: [],
  verdicts: [{ guard: 'pii', stage: 'input', action: index % 7 === 0 ? 'redact' : 'allow' }],
  latencyMs: 50 + (index % 300),
  warnings: [],
});

// Runs prepared up front, so the bench times the observer, not building results.
const SERIES = 400;
const runs = Array.from({ length: 4096 }, (_, index) => run(index, index % SERIES));
const oneSeries = Array.from({ length: 4096 }, (_, index) => run(index, 0));

let clock = Date.parse('2026-12-04T09:00:00Z');
const now = () => clock;
const busy = createAlertEvaluator({ rules: alerts, now });
const single = createAlertEvaluator({ rules: alerts, now });
for (let index = 0; index < 100_000; index += 1) {
  busy.observe(runs[index % runs.length]!);
  clock += 3; // ~330 runs a second across the catalog
}
let cursor = 0;

const bench = new Bench({ time: 2000 });
bench
  .add('observe: one run, one series (the run path)', () => {
    single.observe(oneSeries[cursor++ & 4095]!);
    clock += 1;
  })
  .add(`observe: one run, ${SERIES} series round robin`, () => {
    busy.observe(runs[cursor++ & 4095]!);
    clock += 1;
  })
  .add(`evaluate: ${SERIES} series × 3 rules (off the run path, every 15 s)`, () => {
    busy.evaluate();
  });
await bench.run();
console.table(
  bench.tasks.map((task) => {
    const latency = task.result && 'latency' in task.result ? task.result.latency : undefined;
    const micros = (ms: number | undefined) => (ms === undefined ? '-' : (ms * 1000).toFixed(2));
    return {
      task: task.name,
      'p50 µs': micros(latency?.p50),
      'mean µs': micros(latency?.mean),
      'p99 µs': micros(latency?.p99),
    };
  }),
);

// Memory per series: 10,000 series with one run each, heap measured after a full collection.
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const many = createAlertEvaluator({ rules: alerts, now, maxSeries: 10_000 });
  for (let series = 0; series < 10_000; series += 1) many.observe({ ...run(1, 0), prompt: `p/${series}` });
  many.evaluate();
  gc();
  const perSeries = (process.memoryUsage().heapUsed - before) / 10_000;
  console.log(
    `memory: ${(perSeries / 1024).toFixed(1)} KiB per series (3 rules, 5-minute window of 10 s buckets)`,
  );
} else console.log('memory: run with node --expose-gc to measure it');
