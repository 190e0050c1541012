import type { RunRecordRow } from '../../store/index.ts';
import type { ChainResult } from '../chains/index.ts';

/** The parent record of a chain run; each stage's own record points at it (`parent_id`). */
export function chainRunRecord(result: ChainResult, fingerprint: string, requestId?: string): RunRecordRow {
  return {
    id: result.chainRunId,
    parentId: null,
    rootId: result.chainRunId,
    kind: 'chain',
    requestId: requestId ?? null,
    prompt: result.chain,
    version: null,
    environment: result.environment,
    arm: null,
    provider: null,
    model: null,
    status: result.status,
    errorCode: result.error?.code ?? null,
    errorMessage: result.error?.message ?? null,
    startedAt: result.startedAt,
    latencyMs: result.latencyMs,
    timeToFirstTokenMs: null,
    inputTokens: result.usage?.inputTokens ?? null,
    outputTokens: result.usage?.outputTokens ?? null,
    tokensEstimated: result.usage?.estimated ?? false,
    cost: result.cost?.amount ?? null,
    currency: result.cost?.currency ?? null,
    retries: 0,
    fallbacks: [],
    verdicts: [],
    validation: null,
    confidence: null,
    inputFingerprint: fingerprint,
    redactedInput: null,
    redactedOutput: null,
    metadata: {
      outcome: result.outcome,
      ended_at: result.endedAt ?? null,
      stages: result.stages.map((stage) => ({
        id: stage.id,
        run: stage.result.runId,
        status: stage.result.status,
      })),
    },
  };
}
