import { randomUUID } from 'node:crypto';
import type { Context } from '@opentelemetry/api';
import type { ChainContent } from '../../catalog/files/chain-file.ts';
import {
  endChainSpan,
  endStageSpan,
  startChainSpan,
  startStageSpan,
} from '../../observability/tracing/chain-span.ts';
import { validateVariables } from '../../templates/index.ts';
import type { RunOptions } from '../run-options.ts';
import type { RunResult } from '../run-result.ts';
import { applyRule, type Ending, endedByStatus, failed } from './chain-endings.ts';
import { evaluateChainExpression, isChainTruthy } from './chain-expression.ts';
import {
  type ChainEnd,
  type ChainResult,
  type ChainStageResult,
  sumCosts,
  sumUsage,
} from './chain-result.ts';
import { stageScope } from './check-chain-scope.ts';

/** The runtime's `run`, injected so the chain runner knows nothing of resolution or providers. */
export type RunPrompt = (
  name: string,
  variables: Record<string, unknown>,
  options: RunOptions,
) => Promise<RunResult>;

/** A loaded chain file (`LoadedChain`) or a chain version from the catalog. */
export interface ChainDefinition {
  name: string;
  content: ChainContent;
}

export interface RunChainOptions {
  run: RunPrompt;
  /** Every stage runs here unless the stage names its own `environment`. */
  environment?: string;
  stickyKey?: string;
  requestId?: string;
  signal?: AbortSignal;
  /** Writes the chain's own (parent) run record; awaited before `runChain` returns. */
  recordChain?: (result: ChainResult) => void | Promise<void>;
  createRunId?: () => string;
  /** The OpenTelemetry context the chain's span starts under; the active context when absent. */
  traceContext?: Context;
}

/**
 * Runs a chain's stages in order (the enterprise seed's classification → gathering → response), each
 * as a child run of the chain's run. A stage that fails, is blocked, escalates or is unsure ends
 * the chain; otherwise its rules decide: the first whose `if` holds applies. Expected failures,
 * including a rule that cannot be evaluated, come back as a result, never as an exception.
 *
 * @example
 * const result = await runChain(chain, { customer_message: 'Where is order 1234?' }, { run: runtime.run, environment: 'production' });
 * if (result.outcome === 'asked') sendQuestions(result.output as string[]);
 */
export async function runChain(
  chain: ChainDefinition,
  input: unknown,
  options: RunChainOptions,
): Promise<ChainResult> {
  const chainRunId = (options.createRunId ?? randomUUID)();
  const startedAt = new Date();
  const started = performance.now();
  const stages: ChainStageResult[] = [];
  const trace = startChainSpan({
    chain: chain.name,
    chainRunId,
    ...(options.requestId !== undefined && { requestId: options.requestId }),
    ...(options.environment !== undefined && { environment: options.environment }),
    ...(options.traceContext !== undefined && { traceContext: options.traceContext }),
  });
  const ending = await runStages(chain, input, options, chainRunId, stages, trace.context);
  const result: ChainResult = {
    chainRunId,
    chain: chain.name,
    ...ending,
    stages,
    environment: options.environment ?? null,
    startedAt,
    latencyMs: performance.now() - started,
    cost: sumCosts(stages.map((stage) => stage.result.cost)),
    usage: sumUsage(stages.map((stage) => stage.result.usage)),
  };
  endChainSpan(trace.span, result);
  await options.recordChain?.(result);
  return result;
}

async function runStages(
  chain: ChainDefinition,
  input: unknown,
  options: RunChainOptions,
  chainRunId: string,
  stages: ChainStageResult[],
  traceContext: Context,
): Promise<Ending> {
  const checked = validateVariables(chain.content.input, input);
  if (!checked.ok) return failed(checked.error.code, `chain input: ${checked.error.message}`);
  const scope: Record<string, unknown> = { input: checked.variables };
  let unsure = false;
  for (const stage of chain.content.stages) {
    const endedAt: ChainEnd = { stage: stage.id };
    const variables: Record<string, unknown> = {};
    for (const [name, text] of Object.entries(stage.variables)) {
      const value = evaluateChainExpression(text, scope);
      if (!value.ok) {
        return failed(
          'template_error',
          `stage "${stage.id}", variable "${name}" (${text}): ${value.message}`,
          endedAt,
        );
      }
      variables[name] = value.value;
    }
    let result: RunResult;
    const stageTrace = startStageSpan(traceContext, stage);
    try {
      result = await options.run(stage.prompt, variables, {
        environment: stage.environment ?? options.environment,
        stickyKey: options.stickyKey,
        requestId: options.requestId,
        signal: options.signal,
        parentRunId: chainRunId,
        rootRunId: chainRunId,
        metadata: { chain: chain.name, stage: stage.id },
        traceContext: stageTrace.context,
      });
    } catch (error) {
      endStageSpan(stageTrace.span, { error: 'internal' });
      const message = error instanceof Error ? error.message : String(error);
      return failed('internal', `stage "${stage.id}" (${stage.prompt}) threw: ${message}`, endedAt);
    }
    endStageSpan(stageTrace.span, { status: result.status });
    stages.push({ id: stage.id, prompt: stage.prompt, result });
    scope[stage.id] = stageScope(result);
    const ended = endedByStatus(stage, result);
    if (ended) return ended;
    unsure ||= result.status === 'uncertain';
    for (const [index, rule] of stage.rules.entries()) {
      const where = `stage "${stage.id}", rule ${index + 1}`;
      const condition = evaluateChainExpression(rule.if, scope);
      if (!condition.ok) {
        return failed('template_error', `${where} (if: ${rule.if}): ${condition.message}`, {
          ...endedAt,
          rule: index,
        });
      }
      if (!isChainTruthy(condition.value)) continue;
      if (rule.then === 'continue') break;
      return applyRule(rule, scope, where, { ...endedAt, rule: index }, unsure);
    }
  }
  const output = evaluateChainExpression(chain.content.output, scope);
  if (!output.ok) return failed('template_error', `output (${chain.content.output}): ${output.message}`);
  return { status: unsure ? 'uncertain' : 'ok', outcome: 'answered', output: output.value };
}
