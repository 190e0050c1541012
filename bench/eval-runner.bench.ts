// The eval runner's overhead (issue 6): 1,000 cases at concurrency 32 against a scripted model that
// takes 50 ms per answer, compared with the ideal (cases × latency / concurrency = 1,562.5 ms).
// Run: npm run bench:eval   (figures in bench/RESULTS.md)
// Three runs: the runner alone (a 50 ms timer instead of a model: the runner's own cost), the full
// pipeline through runtime.run (guards, validation, routing, run records in PGlite, HTTP to a
// scripted server in a child process), and the same suite again answered from the response cache.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createFileResponseCache,
  promptExecutor,
  runSuite,
  withResponseCache,
} from '../packages/promptops/src/evaluation/runner/index.ts';
import { parseSuiteFile } from '../packages/promptops/src/evaluation/suites/index.ts';
import { createRuntime } from '../packages/promptops/src/runtime/create-runtime.ts';
import { exampleCatalog, scriptedProviders, startScriptedServerProcess } from './bench-setup.ts';

const CASES = 1000;
const CONCURRENCY = 32;
const LATENCY_MS = 50;
const IDEAL_MS = (CASES * LATENCY_MS) / CONCURRENCY;

const server = await startScriptedServerProcess(LATENCY_MS);
const { folder, project, handle, catalog } = await exampleCatalog();

const lines = [
  'description: bench',
  'target: { prompt: support/classify-intent }',
  'kind: unit',
  'class_path: $.intent',
  'defaults:',
  '  assert: [{ type: is-json }, { type: json-path, path: $.confidence, gte: 0, lte: 1 }]',
  'cases:',
  ...Array.from(
    { length: CASES },
    (_, index) =>
      `  - { id: c${index}, expected_class: billing, variables: { customer_message: "I was charged twice for order ${1000 + index}" } }`,
  ),
];
const suite = await parseSuiteFile(lines.join('\n'), 'evals/bench.yaml', async () => '');

async function timed(label: string, work: () => Promise<{ passed: number; cases: number }>) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { passed, cases } = await work();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    run: label,
    'wall ms': Math.round(wallMs),
    'vs ideal': `${((wallMs / IDEAL_MS - 1) * 100).toFixed(1)}%`,
    'overhead ms/case': ((wallMs - IDEAL_MS) / cases).toFixed(2),
    'CPU ms/case': (cpuMs / cases).toFixed(2),
    passed: `${passed}/${cases}`,
  };
}

const rows = [];
rows.push(
  await timed('runner only (50 ms timer, no model)', async () => {
    const report = await runSuite({
      suite,
      concurrency: CONCURRENCY,
      services: {},
      execute: () =>
        new Promise((resolve) =>
          setTimeout(
            () =>
              resolve({
                output: '{"intent":"billing","confidence":0.9}',
                parsed: { intent: 'billing', confidence: 0.9 },
                status: 'ok',
                latencyMs: LATENCY_MS,
                costUsd: 0,
                verdicts: [],
              }),
            LATENCY_MS,
          ),
        ),
    });
    return { passed: report.metrics.passed, cases: report.metrics.cases };
  }),
);

const cacheDir = join(folder, '.promptops', 'eval-cache');
for (const label of ['runtime.run, scripted model 50 ms', 'runtime.run, answers from the cache']) {
  const providers = scriptedProviders(project.config, server.url, (provider) =>
    withResponseCache(provider, createFileResponseCache(cacheDir)),
  );
  const runtime = await createRuntime({
    handle,
    catalog,
    config: project.config,
    policies: project.policies,
    providers,
  });
  // Warm the runtime's caches (prompt resolution, compiled schemas) outside the timing.
  await runtime.run('support/classify-intent', { customer_message: 'warm up' });
  rows.push(
    await timed(label, async () => {
      const report = await runSuite({
        suite,
        version: 1,
        concurrency: CONCURRENCY,
        services: {},
        execute: promptExecutor(runtime, { prompt: 'support/classify-intent', version: 1, suite: 'bench' }),
      });
      return { passed: report.metrics.passed, cases: report.metrics.cases };
    }),
  );
  await runtime.close();
  await Promise.all(Object.values(providers).map((provider) => provider.close?.()));
}

console.log(
  `${CASES} cases, concurrency ${CONCURRENCY}, model latency ${LATENCY_MS} ms: ideal ${IDEAL_MS} ms (cases × latency / concurrency)`,
);
console.table(rows);
console.log(`rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
await handle.close();
await rm(folder, { recursive: true, force: true });
server.stop();
