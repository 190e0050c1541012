import type { RunRecordRow } from '../../store/index.ts';
import { type RunOptions, SANDBOX_ENVIRONMENT } from '../run-options.ts';
import type { RunResult } from '../run-result.ts';

/**
 * The stored form of a result. The raw input is never stored here: only its keyed fingerprint. A run
 * continuous evaluation samples gets its redacted input and output in the recorder's batch
 * (runtime/sampling); other runs keep none yet.
 */
export function toRunRecord(
  result: RunResult,
  context: { startedAt: Date; options: RunOptions; fingerprint: string; kind?: string },
): RunRecordRow {
  const [provider] = result.model?.split('/') ?? [];
  return {
    id: result.runId,
    parentId: context.options.parentRunId ?? null,
    rootId: context.options.rootRunId ?? context.options.parentRunId ?? result.runId,
    kind: context.kind ?? 'prompt',
    requestId: context.options.requestId ?? null,
    prompt: result.prompt,
    version: result.version,
    // A sandbox run served as its environment would, but it is no traffic of that environment.
    environment: context.options.sandbox ? SANDBOX_ENVIRONMENT : result.environment,
    arm: result.arm,
    provider: provider ?? null,
    model: result.model,
    status: result.status,
    errorCode: result.error?.code ?? null,
    errorMessage: result.error?.message ?? null,
    startedAt: context.startedAt,
    latencyMs: result.latencyMs,
    timeToFirstTokenMs: result.timeToFirstTokenMs ?? null,
    inputTokens: result.usage?.inputTokens ?? null,
    outputTokens: result.usage?.outputTokens ?? null,
    tokensEstimated: result.usage?.estimated ?? false,
    cost: result.cost?.amount ?? null,
    currency: result.cost?.currency ?? null,
    retries: Math.max(0, result.attempts.length - 1),
    fallbacks: result.attempts.filter((attempt) => attempt.outcome !== 'ok'),
    verdicts: result.verdicts,
    validation: result.validationRetries.length > 0 ? { retries: result.validationRetries } : null,
    confidence: result.confidence ?? null,
    inputFingerprint: context.fingerprint,
    redactedInput: null,
    redactedOutput: null,
    metadata: {
      ...(context.options.metadata ?? {}),
      decision: result.decision ?? null,
      warnings: result.warnings,
    },
  };
}
