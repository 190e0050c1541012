import { randomUUID } from 'node:crypto';
import type { ExampleBankContent } from '../catalog/content/example-bank-content.ts';
import { PromptopsError } from '../errors/index.ts';
import { renderPrompt, validateVariables } from '../templates/index.ts';
import { assembleMessages } from './assemble-messages.ts';
import { selectExamples } from './context/select-examples.ts';
import { generateValidated } from './generate-validated.ts';
import { toRunRecord } from './records/to-run-record.ts';
import { resolvePrompt } from './resolve/prompt-resolver.ts';
import type { RunOptions } from './run-options.ts';
import type { RunResult } from './run-result.ts';
import type { RuntimeParts } from './runtime-parts.ts';

/**
 * The run pipeline of DESIGN.md section 4, in order, in one place. Every stage is a function in its
 * own file; this composes them. Expected failures (bad variables, a guard's block, an invalid
 * answer, every model down) come back as a result with a status, never as an exception.
 */
export async function runPipeline(
  parts: RuntimeParts,
  name: string,
  variables: Record<string, unknown>,
  options: RunOptions = {},
): Promise<RunResult> {
  const started = performance.now();
  const startedAt = new Date();
  const runId = randomUUID();
  const result: RunResult = {
    status: 'failed',
    runId,
    prompt: name,
    version: null,
    arm: null,
    environment: options.environment ?? null,
    output: '',
    model: null,
    usage: null,
    cost: null,
    attempts: [],
    validationRetries: [],
    verdicts: [],
    latencyMs: 0,
    warnings: [],
  };
  try {
    // 1. resolve
    const resolved = await resolvePrompt(parts.cache, name, {
      environment: options.environment,
      version: options.version,
      stickyKey: options.stickyKey ?? options.requestId ?? runId,
    });
    Object.assign(result, { version: resolved.version, arm: resolved.arm });
    const content = resolved.content;
    // 2. check input
    const checked = validateVariables(content.variables, variables);
    if (!checked.ok) throw checked.error;
    // 3. input guards (the guardrails issue plugs in here)
    for (const guard of parts.inputGuards) {
      const verdict = await guard({ prompt: name, content, variables: checked.variables });
      if (!verdict) continue;
      result.verdicts.push(verdict);
      if (verdict.action === 'block' || verdict.action === 'escalate') {
        return finish(
          parts,
          result,
          started,
          startedAt,
          options,
          variables,
          verdict.action === 'block' ? 'blocked' : 'escalated',
          verdict.reason,
        );
      }
    }
    // 5. render (before 4: examples are chosen by similarity to the rendered input)
    const rendered = await renderPrompt(content, checked.variables, {
      fragments: parts.cache.fragmentSource(options.environment),
      file: `${name}#${resolved.version}`,
    });
    if (!rendered.ok) throw rendered.error;
    // 4. assemble context: few-shot examples and trimmed history
    let examples: ExampleBankContent['examples'] = [];
    if (content.examples) {
      const bank = await parts.cache.served('example-bank', content.examples.bank, options.environment);
      const record = await parts.cache.version('example-bank', content.examples.bank, bank.version);
      const query =
        rendered.messages?.filter((message) => message.role === 'user').at(-1)?.content ??
        rendered.text ??
        '';
      const bankExamples = (record.content as ExampleBankContent).examples;
      examples = selectExamples(query, bankExamples, content.examples.k, content.examples.select).examples;
    }
    const { messages, historyDropped } = assembleMessages({
      rendered,
      examples,
      history: options.history ?? [],
      historyTokens: content.context?.history_tokens,
    });
    if (historyDropped > 0)
      result.warnings.push(`${historyDropped} older history message(s) left out to fit the token budget`);
    // 6. budget and 7. route
    const plan = parts.planModels(content, { complexity: options.complexity, prompt: name });
    if (!plan.ok) throw plan.error;
    const budget = await parts.budget.check({
      prompt: name,
      owner: content.owner,
      plan: plan.value,
      messages,
    });
    if (!budget.ok) throw budget.error;
    result.warnings.push(...budget.warnings);
    // 7 + 8. call the model chain, validate, retry with a format reminder
    const generated = await generateValidated(
      {
        messages,
        targets: budget.targets,
        parameters: plan.value.parameters,
        output: content.output,
        policy: plan.value.policy,
      },
      parts.models,
      { breakers: parts.breakers, signal: options.signal },
    );
    Object.assign(result, {
      attempts: generated.attempts,
      validationRetries: generated.validationRetries,
      usage: generated.usage,
      cost: generated.cost,
      model: generated.model,
    });
    result.warnings.push(...generated.warnings);
    if (generated.cost)
      parts.budget.record({ prompt: name, owner: content.owner, cost: generated.cost.amount });
    if (!generated.ok) {
      if (generated.lastText !== undefined) result.output = generated.lastText;
      throw generated.error;
    }
    result.output = generated.response.text;
    if (generated.check.parsed !== undefined) result.parsed = generated.check.parsed;
    if (generated.check.decision) result.decision = generated.check.decision;
    if (generated.check.confidence !== undefined) result.confidence = generated.check.confidence;
    // 9. output guards (the guardrails issue plugs in here)
    for (const guard of parts.outputGuards) {
      const verdict = await guard({
        prompt: name,
        content,
        variables: checked.variables,
        output: result.output,
      });
      if (!verdict) continue;
      result.verdicts.push(verdict);
      if (verdict.action === 'block' || verdict.action === 'escalate') {
        result.output = '';
        return finish(
          parts,
          result,
          started,
          startedAt,
          options,
          variables,
          verdict.action === 'block' ? 'blocked' : 'escalated',
          verdict.reason,
        );
      }
    }
    const reason =
      generated.check.status === 'uncertain'
        ? generated.check.reason
        : generated.check.status === 'escalated'
          ? `confidence ${generated.check.confidence} is below the verify threshold`
          : undefined;
    return finish(parts, result, started, startedAt, options, variables, generated.check.status, reason);
  } catch (error) {
    const known = PromptopsError.isInstance(error)
      ? error
      : new PromptopsError('internal', String(error), {}, { cause: error });
    result.error = { code: known.code, message: known.message };
    return finish(parts, result, started, startedAt, options, variables, 'failed', known.message);
  }
}

function finish(
  parts: RuntimeParts,
  result: RunResult,
  started: number,
  startedAt: Date,
  options: RunOptions,
  variables: Record<string, unknown>,
  status: RunResult['status'],
  reason: string | undefined,
): RunResult {
  result.status = status;
  if (reason !== undefined) result.reason = reason;
  result.latencyMs = performance.now() - started;
  // 10. record: queued, written in batches off the request path.
  parts.recorder.record(
    toRunRecord(result, { startedAt, options, fingerprint: parts.recorder.fingerprint(variables) }),
  );
  return result;
}
