// The runtime's cost per call on a shared, loaded machine, where the means of bench:runtime are noise:
// CPU time of this process (process.cpuUsage) and wall time per call, over many short batches of
// sequential calls, the prompts taken in turn. The fastest batch is the least disturbed by other
// processes; compare it between versions measured in the same minutes.
// Run: npm run bench:runtime-cpu [-- BATCHES SIZE]   (figures in bench/RESULTS.md)
import { loadavg } from 'node:os';
import { createRuntime } from '../packages/promptops/src/runtime/create-runtime.ts';
import { exampleCatalog, scriptedProviders, startScriptedServerProcess } from './bench-setup.ts';

const batches = Number(process.argv[2] ?? 30);
const size = Number(process.argv[3] ?? 100);
const server = await startScriptedServerProcess();
const { project, handle, catalog } = await exampleCatalog();
const providers = scriptedProviders(project.config, server.url);
const runtime = await createRuntime({
  handle,
  catalog,
  config: project.config,
  policies: project.policies,
  providers,
});
const prompts = {
  'text prompt': ['support/compressed-classify', { ticket: 'My invoice shows the wrong amount' }],
  'JSON prompt': ['support/classify-intent', { customer_message: 'I was charged twice for order 1234' }],
} as const;

for (const [name, variables] of Object.values(prompts)) {
  for (let warm = 0; warm < 1000; warm++) await runtime.run(name, variables);
}
const wall = new Map<string, number[]>();
const cpu = new Map<string, number[]>();
for (let batch = 0; batch < batches; batch++) {
  for (const [label, [name, variables]] of Object.entries(prompts)) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let call = 0; call < size; call++) await runtime.run(name, variables);
    const spent = process.cpuUsage(cpuBefore);
    wall.set(label, [...(wall.get(label) ?? []), ((performance.now() - started) * 1000) / size]);
    cpu.set(label, [...(cpu.get(label) ?? []), (spent.user + spent.system) / size]);
  }
}
const fastest = (values: number[]) => Math.min(...values).toFixed(0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!.toFixed(0);
console.table(
  Object.keys(prompts).map((label) => ({
    task: `runtime.run ${label}`,
    'CPU µs/call, fastest batch': fastest(cpu.get(label)!),
    'CPU µs/call, median batch': median(cpu.get(label)!),
    'wall µs/call, fastest batch': fastest(wall.get(label)!),
    'wall µs/call, median batch': median(wall.get(label)!),
  })),
);
const [one, five] = loadavg();
console.log(
  `${batches} batches of ${size} calls; load average ${one!.toFixed(1)} (1 min), ${five!.toFixed(1)} (5 min)`,
);
await runtime.close();
await handle.close();
server.stop();
