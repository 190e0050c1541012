import { generateValidated } from './generate-validated.ts';
import type { RunSource } from './prepare-call.ts';
import { PROMPT_SOURCE } from './prepare-run.ts';
import { failRun, finishRun, startRun } from './run-lifecycle.ts';
import type { RunOptions } from './run-options.ts';
import type { RunResult } from './run-result.ts';
import type { RuntimeParts } from './runtime-parts.ts';
import { toolLoopCall } from './tools/run-tool-loop.ts';

/** Budgets are kept in USD; a cost in another currency cannot be counted without a rate. */
export function usd(cost: RunResult['cost']): number {
  return cost?.currency === 'USD' ? cost.amount : 0;
}

/**
 * The run pipeline of DESIGN.md section 4, in order, in one place: stages 1–6 in the source's
 * prepare (prepareRun; an ad-hoc chat's prepareChat), then the model call with output validation
 * (7–8), output guards (9) and the record (10). Expected
 * failures (bad variables, a guard's block, an invalid answer, every model down) come back as a
 * result with a status, never as an exception.
 */
export async function runPipeline(
  parts: RuntimeParts,
  name: string,
  variables: Record<string, unknown>,
  options: RunOptions = {},
  source: RunSource = PROMPT_SOURCE,
): Promise<RunResult> {
  const state = startRun(name, variables, options, source.kind);
  const { result } = state;
  try {
    const prepared = await source.prepare(parts, state);
    if (!prepared.ready) {
      return finishRun(
        parts,
        state,
        prepared.verdict.action === 'block' ? 'blocked' : 'escalated',
        prepared.verdict.reason,
      );
    }
    // 7 + 8. call the model chain (with the tool loop when the version declares tools), validate,
    // retry with a format reminder
    const tools = parts.tools?.session(state, prepared.content, prepared.variables);
    if (tools) result.toolCalls = tools.records;
    const generated = await generateValidated(
      {
        messages: prepared.messages,
        targets: prepared.targets,
        parameters: prepared.plan.parameters,
        output: prepared.content.output,
        policy: prepared.plan.policy,
        ...(tools && { call: toolLoopCall(tools) }),
      },
      parts.models,
      { breakers: parts.breakers, signal: options.signal, traceContext: state.trace.context },
    );
    Object.assign(result, {
      attempts: generated.attempts,
      validationRetries: generated.validationRetries,
      usage: generated.usage,
      cost: generated.cost,
      model: generated.model,
    });
    result.warnings.push(...generated.warnings);
    // Every checked call is settled, failed ones too, so the budget's hold on its estimate is freed.
    parts.budget.record({ prompt: name, owner: prepared.content.owner, cost: usd(generated.cost) });
    if (!generated.ok) {
      if (generated.lastText !== undefined) result.output = generated.lastText;
      if (tools?.escalation !== undefined) return finishRun(parts, state, 'escalated', tools.escalation);
      return failRun(parts, state, generated.error);
    }
    result.output = generated.response.text;
    result.finishReason = generated.response.finishReason;
    if (generated.check.parsed !== undefined) result.parsed = generated.check.parsed;
    if (generated.check.decision) result.decision = generated.check.decision;
    if (generated.check.confidence !== undefined) result.confidence = generated.check.confidence;
    // 9. output guards (the guardrails issue plugs in here)
    for (const guard of parts.outputGuards) {
      const outcome = await guard({
        prompt: name,
        content: prepared.content,
        variables: prepared.variables,
        output: result.output,
      });
      if (!outcome) continue;
      const { variables: _variables, output: redacted, ...verdict } = outcome;
      result.verdicts.push(verdict);
      if (verdict.action === 'block' || verdict.action === 'escalate') {
        // What the guard stopped is never returned: the caller gets the status and the reason.
        result.output = '';
        delete result.parsed;
        return finishRun(parts, state, verdict.action === 'block' ? 'blocked' : 'escalated', verdict.reason);
      }
      if (redacted !== undefined) result.output = redacted;
    }
    const check = generated.check;
    const reason =
      check.status === 'uncertain'
        ? check.reason
        : check.status === 'escalated'
          ? `confidence ${check.confidence} is below the verify threshold`
          : undefined;
    return finishRun(parts, state, check.status, reason);
  } catch (error) {
    return failRun(parts, state, error);
  }
}
