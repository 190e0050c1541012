import type { FastifyReply } from 'fastify';
import { PromptopsError } from '../../errors/index.ts';
import type { RunResult } from '../../runtime/run-result.ts';

/**
 * A run that gave no answer to show, as the error the caller gets: a failed run with its code, a
 * run an input guard blocked as `guard_blocked`. Undefined for an answer (an output guard's stop
 * is an answer: empty, with `finish_reason: content_filter`).
 */
export function unansweredError(result: RunResult): PromptopsError | undefined {
  if (result.status === 'failed' && result.error) {
    return new PromptopsError(result.error.code, result.error.message, { runId: result.runId });
  }
  if (result.status === 'blocked' && result.verdicts.some((verdict) => verdict.stage === 'input')) {
    return new PromptopsError(
      'guard_blocked',
      `the request was blocked: ${result.reason ?? 'by an input guard'}`,
      {
        runId: result.runId,
      },
    );
  }
  return undefined;
}

/** `x-promptops-run-id`, `-status`, `-version`, `-arm` and `-overhead-ms` of a finished run. */
export function runHeaders(reply: FastifyReply, result: RunResult, overhead: string): void {
  reply
    .header('x-promptops-run-id', result.runId)
    .header('x-promptops-status', result.status)
    .header('x-promptops-overhead-ms', overhead);
  if (result.version !== null) reply.header('x-promptops-version', String(result.version));
  if (result.arm !== null) reply.header('x-promptops-arm', result.arm);
}

/** The gateway's own time: all of it but the model calls (waits between retries count as ours). */
export function overheadMs(totalMs: number, result: RunResult): string {
  const modelMs = result.attempts.reduce((sum, attempt) => sum + attempt.durationMs, 0);
  return Math.max(0, totalMs - modelMs).toFixed(1);
}
