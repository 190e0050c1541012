// What OpenTelemetry tracing costs a run (issue 7, Traces): the same runs with tracing off (the
// API's no-op, as every process without OTEL_* variables runs) and on, exporting every span to an
// in-memory exporter through the batching processor `promptops serve` uses.
// Run: npm run bench:tracing   (figures in bench/RESULTS.md)
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { Bench } from 'tinybench';
import {
  endModelCallSpan,
  startModelCallSpan,
} from '../packages/promptops/src/observability/tracing/model-call-span.ts';
import { endRunSpan, startRunSpan } from '../packages/promptops/src/observability/tracing/run-span.ts';
import { createRuntime } from '../packages/promptops/src/runtime/create-runtime.ts';
import type { RunResult } from '../packages/promptops/src/runtime/run-result.ts';
import { exampleCatalog, scriptedProviders, startScriptedServerProcess } from './bench-setup.ts';

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
const text = { ticket: 'My invoice shows the wrong amount' };
const classify = { customer_message: 'I was charged twice for order 1234' };
for (let warm = 0; warm < 200; warm++) await runtime.run('support/compressed-classify', text);

// The span work of one run alone (its span and one model call's), without the run: what tracing
// adds to a run, in microseconds, less drowned by the noise of a loaded machine than whole runs.
const sample = await runtime.run('support/classify-intent', classify);
const target = { id: 'openai/gpt-4o-mini', model: 'gpt-4o-mini', provider: providers.openai! };
const response = {
  model: 'gpt-4o-mini-2024-07-18',
  finishReason: 'stop' as const,
  usage: { inputTokens: 310, outputTokens: 17 },
  responseId: 'chatcmpl-1',
};
function spansOfOneRun(result: RunResult): void {
  const run = startRunSpan({ name: result.prompt, kind: 'prompt', runId: result.runId, requestId: 'r-1' });
  const call = startModelCallSpan(run.context, target, {
    attempt: 0,
    fallbackIndex: 0,
    parameters: { temperature: 0, maxTokens: 200 },
    responseFormat: { type: 'json' },
  });
  endModelCallSpan(call, response);
  endRunSpan(run, result);
}

type Row = Record<string, string | number | undefined>;
async function measure(label: string): Promise<Row[]> {
  const bench = new Bench({ time: 3000, warmup: true });
  bench
    .add(`${label}: span work of one run (run span + one call span)`, () => {
      spansOfOneRun(sample);
    })
    .add(`${label}: runtime.run text prompt`, async () => {
      await runtime.run('support/compressed-classify', text);
    })
    .add(`${label}: runtime.run JSON prompt`, async () => {
      await runtime.run('support/classify-intent', classify);
    });
  await bench.run();
  return bench.tasks.map((task) => {
    const result = task.result as {
      latency?: { p50?: number; p99?: number; mean: number };
      throughput?: { mean: number };
    };
    return {
      task: task.name,
      'calls/s': Math.round(result.throughput?.mean ?? 0),
      'p50 µs': ((result.latency?.p50 ?? 0) * 1000).toFixed(1),
      'p99 µs': ((result.latency?.p99 ?? 0) * 1000).toFixed(1),
      'mean µs': ((result.latency?.mean ?? 0) * 1000).toFixed(1),
    };
  });
}

const off = await measure('tracing off');
// Loaded only now, as `promptops serve` loads it only when tracing is on.
const importStarted = performance.now();
const { registerTracing } = await import('../packages/promptops/src/observability/tracing/tracing-sdk.ts');
const { BatchSpanProcessor, InMemorySpanExporter } = await import('@opentelemetry/sdk-trace');
const importMs = performance.now() - importStarted;
const exporter = new InMemorySpanExporter();
let exported = 0;
const counting: SpanExporter = {
  export: (spans: ReadableSpan[], done: (result: ExportResult) => void) => {
    exported += spans.length;
    exporter.reset(); // keep memory flat: the spans were exported, that is what is measured
    exporter.export(spans, done);
  },
  shutdown: () => exporter.shutdown(),
  forceFlush: () => exporter.forceFlush(),
};
const tracing = registerTracing({ spanProcessors: [new BatchSpanProcessor({ exporter: counting })] });
const on = await measure('tracing on (in-memory exporter)');
await tracing.flush();
console.table([...off, ...on]);
console.log(`SDK import (lazy, once per process when tracing is on): ${importMs.toFixed(1)} ms`);
console.log(`spans exported while tracing was on: ${exported}`);
console.log(`rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
await tracing.shutdown();
await runtime.close();
await Promise.all(Object.values(providers).map((provider) => provider.close?.()));
await handle.close();
server.stop();
