import type { ExampleBankContent } from '../catalog/content/example-bank-content.ts';
import type { PromptContent } from '../catalog/content/prompt-content.ts';
import { renderPrompt, validateVariables } from '../templates/index.ts';
import { assembleMessages } from './assemble-messages.ts';
import type { ModelTarget } from './call/call-model.ts';
import type { ModelMessage } from './providers/provider.ts';
import { resolvePrompt } from './resolve/prompt-resolver.ts';
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
 * Stages 1 to 6, shared by run and stream: resolve, check input, input guards, render, assemble
 * context, route and budget. Fills in the result's version, arm, verdicts and warnings; throws a
 * PromptopsError for what the caller turns into a `failed` result.
 */
export async function prepareRun(parts: RuntimeParts, state: RunState): Promise<Prepared> {
  const { result, options } = state;
  const name = result.prompt;
  // 1. resolve
  const resolved = await resolvePrompt(parts.cache, name, {
    environment: options.environment,
    version: options.version,
    stickyKey: options.stickyKey ?? options.requestId ?? result.runId,
  });
  Object.assign(result, { version: resolved.version, arm: resolved.arm });
  const content = resolved.content;
  // 2. check input
  const checked = validateVariables(content.variables, state.variables);
  if (!checked.ok) throw checked.error;
  // 3. input guards: a verdict may block, escalate, or hand back redacted variables
  let variables = checked.variables;
  for (const guard of parts.inputGuards) {
    const outcome = await guard({ prompt: name, content, variables });
    if (!outcome) continue;
    const { variables: redacted, output: _output, ...verdict } = outcome;
    result.verdicts.push(verdict);
    if (verdict.action === 'block' || verdict.action === 'escalate') return { ready: false, verdict };
    if (redacted) variables = redacted;
  }
  // 5. render (before 4: examples are chosen by similarity to the rendered input)
  const rendered = await renderPrompt(content, variables, {
    fragments: parts.cache.fragmentSource(options.environment),
    overrides: { prompt: name, rules: parts.fragmentOverrides },
    file: `${name}#${resolved.version}`,
  });
  if (!rendered.ok) throw rendered.error;
  // 4. assemble context: few-shot examples and trimmed history
  let examples: ExampleBankContent['examples'] = [];
  if (content.examples) {
    const bank = await parts.cache.served('example-bank', content.examples.bank, options.environment);
    const record = await parts.cache.version('example-bank', content.examples.bank, bank.version);
    const query =
      rendered.messages?.filter((message) => message.role === 'user').at(-1)?.content ?? rendered.text ?? '';
    const selection = await parts.selectExamples({
      bankKey: `${content.examples.bank}#${bank.version}`,
      query,
      examples: (record.content as ExampleBankContent).examples,
      k: content.examples.k,
      mode: content.examples.select,
    });
    examples = selection.examples;
    if (selection.warning) result.warnings.push(selection.warning);
  }
  const { messages, historyDropped } = assembleMessages({
    rendered,
    examples,
    history: options.history ?? [],
    historyTokens: content.context?.history_tokens,
  });
  if (historyDropped > 0)
    result.warnings.push(`${historyDropped} older history message(s) left out to fit the token budget`);
  // 7 (routing) then 6 (budget): the budget needs to know which models would be called.
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
  return {
    ready: true,
    content,
    variables,
    messages,
    plan: plan.value,
    targets: budget.targets,
  };
}
