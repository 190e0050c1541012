import { randomUUID } from 'node:crypto';
import { PromptopsError } from '../errors/index.ts';
import { endRunSpan, type RunSpan, startRunSpan } from '../observability/tracing/run-span.ts';
import { toRunRecord } from './records/to-run-record.ts';
import { retrievedPassageRows } from './retrieval/retrieved-passage-rows.ts';
import type { RunOptions } from './run-options.ts';
import type { RunResult } from './run-result.ts';
import type { RuntimeParts } from './runtime-parts.ts';
import { shouldSample } from './sampling/sampled-run.ts';
import { toolCallRows } from './tools/tool-call-rows.ts';

/** A run in progress: the result being filled in, and what stage 10 needs to record it. */
export interface RunState {
  result: RunResult;
  started: number;
  startedAt: Date;
  options: RunOptions;
  variables: Record<string, unknown>;
  /** The resolved version's `sampling.rate` (continuous evaluation), once stage 1 has resolved it. */
  samplingRate?: number;
  /** The run record's kind: `prompt`, or `chat` for an ad-hoc chat. */
  kind: string;
  /** The run's span; model calls are its children (observability/tracing). */
  trace: RunSpan;
}

export function startRun(
  name: string,
  variables: Record<string, unknown>,
  options: RunOptions,
  kind = 'prompt',
): RunState {
  const runId = randomUUID();
  return {
    kind,
    started: performance.now(),
    startedAt: new Date(),
    options,
    variables,
    trace: startRunSpan({
      name,
      kind,
      runId,
      ...(options.requestId !== undefined && { requestId: options.requestId }),
      ...(options.parentRunId !== undefined && { parentRunId: options.parentRunId }),
      ...(options.environment !== undefined && { environment: options.environment }),
      ...(options.traceContext !== undefined && { traceContext: options.traceContext }),
    }),
    result: {
      status: 'failed',
      runId,
      prompt: name,
      version: null,
      arm: null,
      environment: options.environment ?? null,
      output: '',
      model: null,
      usage: null,
      cost: null,
      attempts: [],
      validationRetries: [],
      verdicts: [],
      latencyMs: 0,
      warnings: [],
    },
  };
}

/**
 * Stage 10: sets the final status, then queues the run record (written in batches, off this path).
 * A run continuous evaluation samples hands its input and output to the recorder, which redacts
 * them and queues the run for scoring after the record is written: nothing is scored here.
 */
export function finishRun(
  parts: RuntimeParts,
  state: RunState,
  status: RunResult['status'],
  reason?: string,
): RunResult {
  const { result } = state;
  result.status = status;
  if (reason !== undefined) result.reason = reason;
  result.latencyMs = performance.now() - state.started;
  const sampled = shouldSample({
    runId: result.runId,
    version: result.version,
    rate: state.samplingRate,
    metadata: state.options.metadata,
  });
  parts.recorder.record(
    toRunRecord(result, {
      startedAt: state.startedAt,
      options: state.options,
      fingerprint: parts.recorder.fingerprint(state.variables),
      kind: state.kind,
    }),
    sampled ? { input: state.variables, output: result.output } : undefined,
    result.toolCalls ? toolCallRows(result) : undefined,
    result.retrieved ? retrievedPassageRows(result) : undefined,
  );
  for (const observe of parts.observers) observe(result);
  endRunSpan(state.trace, result);
  return result;
}

/** A failure as the result states it: expected errors keep their code, bugs become `internal`. */
export function failRun(parts: RuntimeParts, state: RunState, error: unknown): RunResult {
  const known = PromptopsError.isInstance(error)
    ? error
    : new PromptopsError('internal', String(error), {}, { cause: error });
  state.result.error = { code: known.code, message: known.message };
  return finishRun(parts, state, 'failed', known.message);
}
