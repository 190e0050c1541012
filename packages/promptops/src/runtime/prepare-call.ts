import type { PromptContent } from '../catalog/content/prompt-content.ts';
import type { ModelTarget } from './call/call-model.ts';
import type { ModelMessage } from './providers/provider.ts';
import type { RunState } from './run-lifecycle.ts';
import type { GuardVerdict } from './run-result.ts';
import type { ModelPlan, RuntimeParts } from './runtime-parts.ts';

export type Prepared =
  | {
      ready: true;
      content: PromptContent;
      variables: Record<string, unknown>;
      messages: ModelMessage[];
      plan: ModelPlan;
      targets: ModelTarget[];
    }
  | { ready: false; verdict: GuardVerdict };

/**
 * Stages before the model call, for one kind of run: a catalog prompt (prepareRun) or an ad-hoc chat
 * (prepareChat). Both end in the same guards, routing and budget below, and the same model call,
 * output checks and record after. Throws a PromptopsError for what becomes a `failed` result.
 */
export interface RunSource {
  /** The run record's `kind`. */
  kind: string;
  prepare(parts: RuntimeParts, state: RunState): Promise<Prepared>;
}

/** Stage 3: a verdict may block, escalate, or hand back redacted variables. */
export async function guardInput(
  parts: RuntimeParts,
  state: RunState,
  content: PromptContent,
  given: Record<string, unknown>,
): Promise<{ ready: true; variables: Record<string, unknown> } | { ready: false; verdict: GuardVerdict }> {
  let variables = given;
  for (const guard of parts.inputGuards) {
    const outcome = await guard({ prompt: state.result.prompt, content, variables });
    if (!outcome) continue;
    const { variables: redacted, output: _output, ...verdict } = outcome;
    state.result.verdicts.push(verdict);
    if (verdict.action === 'block' || verdict.action === 'escalate') return { ready: false, verdict };
    if (redacted) variables = redacted;
  }
  return { ready: true, variables };
}

/** Stages 7 (routing) then 6 (budget): the budget needs to know which models would be called. */
export async function planCall(
  parts: RuntimeParts,
  state: RunState,
  content: PromptContent,
  variables: Record<string, unknown>,
  messages: ModelMessage[],
): Promise<Prepared> {
  const { result, options } = state;
  const name = result.prompt;
  const plan = parts.planModels(content, {
    complexity: options.complexity,
    prompt: name,
    ...(options.model !== undefined && { model: options.model }),
  });
  if (!plan.ok) throw plan.error;
  const budget = await parts.budget.check({
    prompt: name,
    owner: content.owner,
    classification: content.classification,
    plan: plan.value,
    messages,
  });
  if (!budget.ok) throw budget.error;
  result.warnings.push(...budget.warnings);
  return { ready: true, content, variables, messages, plan: plan.value, targets: budget.targets };
}
