import type { Context } from '@opentelemetry/api';

/**
 * What a tool session needs of the run it belongs to: a narrow view of the run's state
 * (run-lifecycle.ts RunState satisfies it), so the tools folder does not import the pipeline.
 */
export interface ToolRunContext {
  result: { prompt: string; runId: string; environment: string | null };
  options: { authorization?: { approvedBy: string; reason?: string }; sandbox?: { actor: string } };
  trace: { context?: Context };
}

/** What the tool policy decided about one call the model asked for. */
export type ToolDecision = 'allow' | 'deny' | 'escalate';

/** One entry of a run's tool trail (RunResult.toolCalls, stored in tool_calls). */
export interface ToolCallRecord {
  callId: string;
  /** The model turn that asked for it, from 0. */
  round: number;
  tool: string;
  /** As the prompt version declares it; null for a tool it does not declare. */
  sideEffect: 'read' | 'write' | 'irreversible' | null;
  decision: ToolDecision;
  /** ok: the handler answered; failed: it threw, timed out or reported failure; not-run: denied or escalated. */
  outcome: 'ok' | 'failed' | 'not-run';
  /** Why it was denied, escalated or failed. */
  reason?: string;
  /** The arguments with personal data redacted (the raw text's shape when they were not JSON). */
  arguments: unknown;
  /** A short redacted summary of the result. */
  resultSummary?: string;
  attempts: number;
  durationMs: number;
  /** ISO time the call was asked for. */
  startedAt: string;
  authorizedBy?: string;
}
