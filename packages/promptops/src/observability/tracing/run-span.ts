import { type Context, type Span, SpanKind, trace } from '@opentelemetry/api';
import type { RunResult } from '../../runtime/run-result.ts';
import { isKnownRunName } from '../run-name.ts';
import { ERROR_TYPE, GEN_AI, OPERATION, PROMPTOPS } from './attributes.ts';
import { markFailed, parentContext, promptopsTracer } from './tracer.ts';

export interface RunSpan {
  span: Span;
  /** The context its children (model calls, tool calls) start from. */
  context: Context;
  /** The prompt (or `gateway/<model>`) as the caller named it: on the span once it proved real. */
  name: string;
  kind: string;
}

/**
 * Starts the span of one run (`run {prompt}`, INTERNAL: the model calls under it are the CLIENT
 * spans). Its parent is the given context (a chain stage, an HTTP request carrying a traceparent),
 * else the active one, so an application's own trace continues into the run. The name a caller
 * gave (a gateway request's `model`) joins the span only once the run found it in the catalog or
 * promptops.yaml: until then it is just `run`, so no caller text reaches a span name.
 */
export function startRunSpan(input: {
  name: string;
  kind: string;
  runId: string;
  requestId?: string;
  parentRunId?: string;
  environment?: string;
  traceContext?: Context;
}): RunSpan {
  const parent = parentContext(input.traceContext);
  const span = promptopsTracer().startSpan('run', { kind: SpanKind.INTERNAL }, parent);
  if (span.isRecording()) {
    span.setAttributes({
      [GEN_AI.operationName]: OPERATION.chat,
      [PROMPTOPS.runId]: input.runId,
      [PROMPTOPS.runKind]: input.kind,
    });
    if (input.requestId !== undefined) span.setAttribute(PROMPTOPS.requestId, input.requestId);
    if (input.parentRunId !== undefined) span.setAttribute(PROMPTOPS.parentRunId, input.parentRunId);
    if (input.environment !== undefined) span.setAttribute(PROMPTOPS.environment, input.environment);
  }
  return { span, context: trace.setSpan(parent, span), name: input.name, kind: input.kind };
}

/**
 * Ends the run's span with what the result says: version, arm, status, the model that answered,
 * run totals of tokens and cost. Token totals are `promptops.usage.*`, not `gen_ai.usage.*`: the
 * model-call spans below carry those per call, and a backend summing them must not count twice.
 */
export function endRunSpan(run: RunSpan, result: RunResult): void {
  const { span } = run;
  if (span.isRecording()) {
    const known = result.version !== null || (run.kind === 'chat' && isKnownRunName(result));
    if (known) {
      span.updateName(`run ${run.name}`);
      span.setAttribute(PROMPTOPS.promptName, run.name);
    }
    span.setAttributes({
      [PROMPTOPS.status]: result.status,
      [PROMPTOPS.attempts]: result.attempts.length,
      [PROMPTOPS.validationRetries]: result.validationRetries.length,
    });
    if (result.version !== null) span.setAttribute(PROMPTOPS.promptVersion, result.version);
    if (result.arm !== null) span.setAttribute(PROMPTOPS.arm, result.arm);
    if (result.environment !== null) span.setAttribute(PROMPTOPS.environment, result.environment);
    // The model that answered, else the first one tried: provider and model of one call, never mixed.
    const model = result.model ?? result.attempts[0]?.model;
    if (model !== undefined) {
      span.setAttributes({ [GEN_AI.providerName]: providerOf(model), [GEN_AI.requestModel]: modelOf(model) });
    }
    if (result.model !== null) {
      span.setAttributes({ [PROMPTOPS.model]: result.model, [GEN_AI.responseModel]: modelOf(result.model) });
    }
    if (result.finishReason !== undefined) {
      span.setAttribute(GEN_AI.responseFinishReasons, [result.finishReason]);
    }
    if (result.usage) {
      span.setAttributes({
        [PROMPTOPS.usageInputTokens]: result.usage.inputTokens,
        [PROMPTOPS.usageOutputTokens]: result.usage.outputTokens,
        [PROMPTOPS.usageEstimated]: result.usage.estimated,
      });
    }
    span.setAttribute(PROMPTOPS.costKnown, result.cost !== null);
    if (result.cost) {
      span.setAttributes({
        [PROMPTOPS.costAmount]: result.cost.amount,
        [PROMPTOPS.costCurrency]: result.cost.currency,
      });
    }
    if (result.verdicts.length > 0) {
      // Which guard did what (`pii:redact`), never what it found.
      span.setAttribute(
        PROMPTOPS.guards,
        result.verdicts.map((verdict) => `${verdict.guard}:${verdict.action}`),
      );
    }
    if (result.decision !== undefined) span.setAttribute(PROMPTOPS.decision, result.decision);
    if (result.timeToFirstTokenMs !== undefined) {
      span.setAttribute(PROMPTOPS.timeToFirstTokenMs, result.timeToFirstTokenMs);
    }
    if (result.error) {
      span.setAttributes({ [ERROR_TYPE]: result.error.code, [PROMPTOPS.errorCode]: result.error.code });
      markFailed(span);
    }
  }
  span.end();
}

/** `openai` of `openai/gpt-4o-mini`: the provider as promptops.yaml names it. */
function providerOf(id: string): string {
  const slash = id.indexOf('/');
  return slash === -1 ? id : id.slice(0, slash);
}

/** `gpt-4o-mini` of `openai/gpt-4o-mini`: the provider's own model name. */
function modelOf(id: string): string {
  const slash = id.indexOf('/');
  return slash === -1 ? id : id.slice(slash + 1);
}
