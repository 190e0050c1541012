// The eval runner's overhead (issue 6): 1,000 cases at concurrency 32 against a scripted model that
// takes 50 ms per answer, compared with the ideal (cases × latency / concurrency = 1,562.5 ms).
// Run: npm run bench:eval   (figures in bench/RESULTS.md)
// Three runs: the runner alone (a 50 ms timer instead of a model: the runner's own cost), the full
// pipeline through runtime.run (guards, validation, routing, run records in PGlite, HTTP to a
// scripted server in a child process), and the same suite again answered from the response cache.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readProject } from '../packages/promptops/src/catalog/files/read-project.ts';
import { createCatalog } from '../packages/promptops/src/catalog/service/catalog.ts';
import { pushProject } from '../packages/promptops/src/catalog/sync/push-project.ts';
import {
  createFileResponseCache,
  promptExecutor,
  runSuite,
  withResponseCache,
} from '../packages/promptops/src/evaluation/runner/index.ts';
import { parseSuiteFile } from '../packages/promptops/src/evaluation/suites/index.ts';
import { createRuntime } from '../packages/promptops/src/runtime/create-runtime.ts';
import { createProvider, type ModelProvider } from '../packages/promptops/src/runtime/providers/index.ts';
import { openDatabase } from '../packages/promptops/src/store/index.ts';

const CASES = 1000;
const CONCURRENCY = 32;
const LATENCY_MS = 50;
const IDEAL_MS = (CASES * LATENCY_MS) / CONCURRENCY;

const child = spawn(
  process.execPath,
  [new URL('./scripted-server-process.ts', import.meta.url).pathname, '--latency', String(LATENCY_MS)],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const url = await new Promise<string>((resolve) =>
  createInterface({ input: child.stdout! }).once('line', resolve),
);

const folder = await mkdtemp(join(tmpdir(), 'promptops-bench-eval-'));
await cp(new URL('../examples/acme-support', import.meta.url), folder, { recursive: true });
const project = await readProject(folder);
const handle = await openDatabase({});
const catalog = createCatalog({ db: handle.db });
await pushProject(catalog, { actor: 'bench' }, project);

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

function providersWith(wrap: (provider: ModelProvider) => ModelProvider = (provider) => provider) {
  const providers: Record<string, ModelProvider> = {};
  for (const [name, settings] of Object.entries(project.config.providers)) {
    providers[name] = wrap(
      createProvider(
        name,
        { ...settings, base_url: name === 'openai' ? `${url}/v1` : url },
        { env: { OPENAI_API_KEY: 'sk-bench', ANTHROPIC_API_KEY: 'sk-bench' } },
      ),
    );
  }
  return providers;
}

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
  const providers = providersWith((provider) =>
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
child.stdin!.end();
