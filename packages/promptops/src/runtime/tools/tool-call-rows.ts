import type { ToolCallRow } from '../../store/index.ts';
import type { RunResult } from '../run-result.ts';

/** A run's tool trail as rows of tool_calls, children of its run record. */
export function toolCallRows(result: RunResult): ToolCallRow[] {
  return (result.toolCalls ?? []).map((call, seq) => ({
    runId: result.runId,
    seq,
    round: call.round,
    callId: call.callId,
    prompt: result.prompt,
    tool: call.tool,
    sideEffect: call.sideEffect,
    decision: call.decision,
    outcome: call.outcome,
    reason: call.reason ?? null,
    arguments: call.arguments ?? null,
    resultSummary: call.resultSummary ?? null,
    attempts: call.attempts,
    durationMs: call.durationMs,
    startedAt: new Date(call.startedAt),
    authorizedBy: call.authorizedBy ?? null,
  }));
}
