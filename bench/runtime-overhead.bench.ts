// The runtime's own overhead per call against a zero-latency scripted model (issue 3).
// Run: npm run bench:runtime   (figures in bench/RESULTS.md)
// The scripted server runs in a child process; each task runs sequential calls for a fixed time.
import { Bench } from 'tinybench';
import { request } from 'undici';
import { createRuntime } from '../packages/promptops/src/runtime/create-runtime.ts';
import { exampleCatalog, scriptedProviders, startScriptedServerProcess } from './bench-setup.ts';

const server = await startScriptedServerProcess();
const url = server.url;
const { project, handle, catalog } = await exampleCatalog();
const providers = scriptedProviders(project.config, url);
const runtime = await createRuntime({
  handle,
  catalog,
  config: project.config,
  policies: project.policies,
  providers,
});
const chatBody = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'What is six times seven?' }],
});

const text = { ticket: 'My invoice shows the wrong amount' };
const classify = { customer_message: 'I was charged twice for order 1234' };
for (let warm = 0; warm < 200; warm++) await runtime.run('support/compressed-classify', text);

const bench = new Bench({ time: 3000, warmup: true });
bench
  .add('baseline: undici.request to the scripted server (no promptops)', async () => {
    const response = await request(`${url}/v1/chat/completions`, {
      method: 'POST',
      body: chatBody,
      headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
    });
    await response.body.json();
  })
  .add('provider adapter only: openai-chat generate', async () => {
    await providers.openai!.generate({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'What is six times seven?' }],
    });
  })
  .add('runtime.run text prompt (no output validation)', async () => {
    await runtime.run('support/compressed-classify', text);
  })
  .add('runtime.run JSON prompt (schema, confidence, few-shot, fragments)', async () => {
    await runtime.run('support/classify-intent', classify);
  });

await bench.run();
const rows = bench.tasks.map((task) => {
  const result = task.result as {
    latency?: { p50?: number; p99?: number; mean: number };
    throughput?: { mean: number };
  };
  return {
    task: task.name,
    'calls/s': Math.round(result.throughput?.mean ?? 0),
    'p50 ms': result.latency?.p50?.toFixed(3),
    'p99 ms': result.latency?.p99?.toFixed(3),
    'mean ms': result.latency?.mean.toFixed(3),
  };
});
console.table(rows);
const mean = (index: number) => (bench.tasks[index]!.result as { latency: { mean: number } }).latency.mean;
console.log(
  `runtime overhead over the bare HTTP call (mean): text ${(mean(2) - mean(0)).toFixed(3)} ms, JSON ${(mean(3) - mean(0)).toFixed(3)} ms`,
);
console.log(`rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
await runtime.close();
await Promise.all(Object.values(providers).map((provider) => provider.close?.()));
await handle.close();
server.stop();
