import type { PromptContent } from '../catalog/content/prompt-content.ts';
import { PromptopsError } from '../errors/index.ts';
import {
  type Attempt,
  type CallDependencies,
  type CallPolicy,
  callModel,
  type ModelTarget,
} from './call/call-model.ts';
import { costOf, type ModelCatalog, usageOrEstimate } from './models/index.ts';
import { checkOutput, formatReminder, type OutputCheck } from './output/check-output.ts';
import type { ModelMessage, ModelParameters, ModelResponse, ResponseFormat } from './providers/provider.ts';
import type { RunUsage } from './run-result.ts';

export interface GenerateInput {
  messages: ModelMessage[];
  targets: ModelTarget[];
  parameters: ModelParameters;
  output: PromptContent['output'];
  policy: CallPolicy;
  /** Stage 7 itself: callModel, or the tool loop (runtime/tools) for a prompt with tools. */
  call?: typeof callModel;
}

export type GenerateOutcome = {
  attempts: Attempt[];
  validationRetries: string[];
  usage: RunUsage | null;
  cost: { amount: number; currency: string } | null;
  model: string | null;
  warnings: string[];
} & (
  | { ok: true; response: ModelResponse; check: Extract<OutputCheck, { valid: true }> }
  | { ok: false; error: PromptopsError; lastText?: string }
);

/**
 * Stages 7 and 8 together: call the model chain, validate the answer, and on an invalid answer ask
 * again with a format reminder (the first seed's retry with reformatting), a bounded number of
 * times. Usage and cost add up over every call made, since every call is paid for.
 */
export async function generateValidated(
  input: GenerateInput,
  models: ModelCatalog,
  dependencies: CallDependencies,
): Promise<GenerateOutcome> {
  const spec = input.output;
  const maxRetries = spec?.retries ?? (spec?.format === 'json' ? 2 : 0);
  const attempts: Attempt[] = [];
  const validationRetries: string[] = [];
  const warnings: string[] = [];
  let usage: RunUsage | null = null;
  let costAmount = 0;
  let currency = 'USD';
  let costKnown = true;
  const cost = () => (costKnown && model !== null ? { amount: costAmount, currency } : null);
  let messages = input.messages;
  let model: string | null = null;
  let lastText: string | undefined;
  for (let round = 0; round <= maxRetries; round++) {
    const outcome = await (input.call ?? callModel)(
      input.targets,
      { messages, parameters: input.parameters, responseFormat: responseFormatOf(spec) },
      input.policy,
      dependencies,
    );
    attempts.push(...outcome.attempts);
    if (!outcome.ok)
      return {
        ok: false,
        error: outcome.error,
        attempts,
        validationRetries,
        usage,
        cost: cost(),
        model,
        warnings,
        lastText,
      };
    const { response, target } = outcome;
    model = target.id;
    const callUsage = usageOrEstimate(response.usage, messages, {
      text: response.text,
      toolCalls: response.toolCalls,
    });
    usage = addUsage(usage, callUsage);
    const callCost = costOf(target.id, callUsage, models);
    if (callCost === null) {
      costKnown = false;
      const warning = `no price known for ${target.id}: cost is unknown (set prices in promptops.yaml)`;
      if (!warnings.includes(warning)) warnings.push(warning);
    } else {
      costAmount += callCost.amount;
      currency = callCost.currency;
    }
    lastText = response.text;
    const check = checkOutput(response.text, spec);
    if (check.valid)
      return { ok: true, response, check, attempts, validationRetries, usage, cost: cost(), model, warnings };
    validationRetries.push(check.problem);
    messages = [
      ...input.messages,
      { role: 'assistant', content: response.text },
      { role: 'user', content: formatReminder(spec, check.problem) },
    ];
  }
  const error = new PromptopsError(
    'output_invalid',
    `the model's answer failed validation ${validationRetries.length} time(s): ${validationRetries.at(-1)}`,
    { problems: validationRetries },
  );
  return {
    ok: false,
    error,
    attempts,
    validationRetries,
    usage,
    cost: cost(),
    model,
    warnings: [...new Set(warnings)],
    lastText,
  };
}

function responseFormatOf(spec: PromptContent['output']): ResponseFormat | undefined {
  if (spec?.format !== 'json') return undefined;
  // Structured outputs only where the schema has no uncertain alternative the provider would reject.
  return { type: 'json' };
}

function addUsage(total: RunUsage | null, call: RunUsage): RunUsage {
  if (!total) return call;
  return {
    inputTokens: total.inputTokens + call.inputTokens,
    outputTokens: total.outputTokens + call.outputTokens,
    cachedInputTokens: (total.cachedInputTokens ?? 0) + (call.cachedInputTokens ?? 0) || undefined,
    estimated: total.estimated || call.estimated,
  };
}
