import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { RunResult } from '../../runtime/run-result.ts';
import { runNameLabel } from '../run-name.ts';

/** Seconds, from 5 ms to 2 minutes: model calls span four orders of magnitude. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** The runtime's own time per run: fractions of a millisecond to a second. */
const OVERHEAD_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

export interface RunMetrics {
  registry: Registry;
  /** Counts one finished run (the runtime calls it for every run; it never throws). */
  observe(result: RunResult): void;
}

/**
 * Prometheus metrics per prompt, version, arm and model (issue 7, Metrics): runs by status,
 * latency and time to first token, tokens, cost, validation retries, retries and fallbacks, guard
 * triggers by check, tool calls by policy decision, and the runtime's own overhead (the run's time minus its model calls). Label
 * values come from the catalog and promptops.yaml, never from callers' input, so cardinality stays
 * bounded by the catalog.
 *
 * @example const metrics = createRunMetrics(); createRuntime({ ..., observers: [metrics.observe] });
 */
export function createRunMetrics(options: { defaultMetrics?: boolean } = {}): RunMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'promptops_' });
  const runLabels = ['prompt', 'version', 'arm', 'model'] as const;
  const runs = new Counter({
    name: 'promptops_runs_total',
    help: 'Finished runs by outcome (ok, uncertain, escalated, blocked, failed).',
    labelNames: [...runLabels, 'status', 'error'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'promptops_run_duration_seconds',
    help: 'Time from the call to the final result.',
    labelNames: runLabels,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const firstToken = new Histogram({
    name: 'promptops_time_to_first_token_seconds',
    help: 'Streamed runs: time to the first text sent.',
    labelNames: runLabels,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const overhead = new Histogram({
    name: 'promptops_runtime_overhead_seconds',
    help: "The runtime's own time per run: total minus model calls (rendering, guards, validation, routing).",
    labelNames: ['prompt'],
    buckets: OVERHEAD_BUCKETS,
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'promptops_tokens_total',
    help: 'Tokens sent (in) and received (out).',
    labelNames: [...runLabels, 'direction'],
    registers: [registry],
  });
  const cost = new Counter({
    name: 'promptops_cost_usd_total',
    help: 'Spend in USD at promptops.yaml prices (runs with an unknown price are counted apart).',
    labelNames: runLabels,
    registers: [registry],
  });
  const unpriced = new Counter({
    name: 'promptops_runs_unpriced_total',
    help: 'Runs whose cost is unknown (no price for the model), so the cost total leaves them out.',
    labelNames: runLabels,
    registers: [registry],
  });
  const validationRetries = new Counter({
    name: 'promptops_validation_retries_total',
    help: 'Answers rejected by output validation and asked again.',
    labelNames: ['prompt', 'version'],
    registers: [registry],
  });
  const retries = new Counter({
    name: 'promptops_model_retries_total',
    help: 'Model calls after the first, per model called (retries and fallbacks).',
    labelNames: ['prompt', 'model', 'outcome'],
    registers: [registry],
  });
  const fallbacks = new Counter({
    name: 'promptops_fallbacks_total',
    help: 'Runs answered by a model other than the first one tried.',
    labelNames: ['prompt', 'model'],
    registers: [registry],
  });
  const guards = new Counter({
    name: 'promptops_guard_triggers_total',
    help: 'Guard verdicts other than allow, by stage, check and action.',
    labelNames: ['prompt', 'version', 'stage', 'guard', 'action'],
    registers: [registry],
  });
  const toolCalls = new Counter({
    name: 'promptops_tool_calls_total',
    help: 'Tool calls models asked for, by the tool policy decision (allow, deny, escalate) and outcome (ok, failed, not-run).',
    labelNames: ['prompt', 'tool', 'decision', 'outcome'],
    registers: [registry],
  });
  const retrieved = new Counter({
    name: 'promptops_retrieved_passages_total',
    help: 'Passages retrieval put into prompts (docs/retrieval.md), by source and form (passage, cut, summary).',
    labelNames: ['prompt', 'source', 'form'],
    registers: [registry],
  });

  const observe = (result: RunResult): void => {
    const prompt = runNameLabel(result);
    const labels = {
      prompt,
      version: result.version === null ? '' : String(result.version),
      arm: result.arm ?? '',
      model: result.model ?? '',
    };
    runs.inc({ ...labels, status: result.status, error: result.error?.code ?? '' });
    duration.observe(labels, result.latencyMs / 1000);
    if (result.timeToFirstTokenMs !== undefined) firstToken.observe(labels, result.timeToFirstTokenMs / 1000);
    const modelMs = result.attempts.reduce((total, attempt) => total + attempt.durationMs, 0);
    overhead.observe({ prompt }, Math.max(0, result.latencyMs - modelMs) / 1000);
    if (result.usage) {
      tokens.inc({ ...labels, direction: 'in' }, result.usage.inputTokens);
      tokens.inc({ ...labels, direction: 'out' }, result.usage.outputTokens);
    }
    if (result.cost?.currency === 'USD') cost.inc(labels, result.cost.amount);
    else if (result.model !== null) unpriced.inc(labels);
    if (result.validationRetries.length > 0)
      validationRetries.inc({ prompt, version: labels.version }, result.validationRetries.length);
    for (const attempt of result.attempts.slice(1)) {
      retries.inc({ prompt, model: attempt.model, outcome: attempt.outcome });
    }
    const first = result.attempts[0]?.model;
    if (result.model !== null && first !== undefined && result.model !== first) {
      fallbacks.inc({ prompt, model: result.model });
    }
    for (const call of result.toolCalls ?? []) {
      // A tool the version does not declare is a name the model made up: not a label value.
      const tool = call.sideEffect === null ? '(undeclared)' : call.tool;
      toolCalls.inc({ prompt, tool, decision: call.decision, outcome: call.outcome });
    }
    for (const passage of result.retrieved ?? []) {
      // Sources are names from promptops.yaml, a bounded set: fit for a label.
      retrieved.inc({ prompt, source: passage.source, form: passage.form });
    }
    for (const verdict of result.verdicts) {
      if (verdict.action === 'allow') continue;
      guards.inc({
        prompt,
        version: labels.version,
        stage: verdict.stage,
        guard: verdict.guard,
        action: verdict.action,
      });
    }
  };
  return {
    registry,
    observe(result) {
      try {
        observe(result);
      } catch {
        // Metrics never fail a run.
      }
    },
  };
}
