import type { ChainRule, ChainStage } from '../../catalog/files/chain-file.ts';
import type { ErrorCode } from '../../errors/index.ts';
import type { RunResult } from '../run-result.ts';
import { evaluateChainExpression, renderChainText } from './chain-expression.ts';
import type { ChainEnd, ChainResult } from './chain-result.ts';

/** How a chain run ended: the result without the parts every run has (ids, stages, cost). */
export type Ending = Pick<ChainResult, 'status' | 'outcome' | 'output' | 'reason' | 'error' | 'endedAt'>;

/** A stage's own status can end the chain before its rules run. */
export function endedByStatus(stage: ChainStage, result: RunResult): Ending | undefined {
  const endedAt = { stage: stage.id };
  const named = `stage "${stage.id}" (${stage.prompt})`;
  switch (result.status) {
    case 'failed':
      // For operators: which stage, then the run's own reason (its error stays in `error`).
      return {
        status: 'failed',
        outcome: 'failed',
        output: null,
        reason: `${named} failed: ${result.reason ?? result.error?.message ?? 'no reason given'}`,
        ...(result.error ? { error: result.error } : {}),
        endedAt,
      };
    case 'blocked':
      // The guard's reason as it gave it: it may be shown to the person whose request was blocked.
      return {
        status: 'blocked',
        outcome: 'blocked',
        output: null,
        reason: result.reason ?? `${named} was blocked`,
        endedAt,
      };
    case 'escalated':
      return escalated(result.reason ?? `${named} escalated`, null, endedAt);
    case 'uncertain':
      if (stage.on_uncertain === 'continue') return undefined;
      return escalated(result.reason ?? `${named} was uncertain`, null, endedAt);
    default:
      return undefined;
  }
}

/** A rule whose `if` held: escalate, ask or answer. `where` names the stage and rule for messages. */
export function applyRule(
  rule: ChainRule,
  scope: Record<string, unknown>,
  where: string,
  endedAt: ChainEnd,
  unsure: boolean,
): Ending {
  const reason = rule.reason === undefined ? undefined : renderChainText(rule.reason, scope);
  if (reason && !reason.ok) return failed('template_error', `${where} (reason): ${reason.message}`, endedAt);
  const reasonText = reason?.value === undefined || reason.value === '' ? undefined : String(reason.value);
  const then = rule.then;
  // 'continue' never gets here: the runner moves on to the next stage.
  if (typeof then === 'string') return escalated(reasonText ?? `${where} matched: ${rule.if}`, null, endedAt);
  // The file check guarantees exactly one of the three.
  const action = (['ask', 'answer', 'escalate'] as const).find((key) => then[key] !== undefined)!;
  const text = then[action]!;
  const value = evaluateChainExpression(text, scope);
  if (!value.ok)
    return failed('template_error', `${where} (then.${action}: ${text}): ${value.message}`, endedAt);
  if (action === 'escalate')
    return escalated(reasonText ?? `${where} matched: ${rule.if}`, value.value, endedAt);
  return {
    status: unsure ? 'uncertain' : 'ok',
    outcome: action === 'ask' ? 'asked' : 'answered',
    output: value.value,
    ...(reasonText ? { reason: reasonText } : {}),
    endedAt,
  };
}

export function escalated(reason: string, output: unknown, endedAt: ChainEnd): Ending {
  return { status: 'escalated', outcome: 'escalated', output, reason, endedAt };
}

export function failed(code: ErrorCode, message: string, endedAt?: ChainEnd): Ending {
  return {
    status: 'failed',
    outcome: 'failed',
    output: null,
    reason: message,
    error: { code, message },
    ...(endedAt ? { endedAt } : {}),
  };
}
