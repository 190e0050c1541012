import { type Context, type Span, SpanKind, trace } from '@opentelemetry/api';
import type { ChainResult } from '../../runtime/chains/chain-result.ts';
import { ERROR_TYPE, PROMPTOPS } from './attributes.ts';
import { markFailed, parentContext, promptopsTracer } from './tracer.ts';

export interface ChainSpan {
  span: Span;
  context: Context;
}

/** The span of a chain run (`chain {name}`); each stage gets a child span, its run a grandchild. */
export function startChainSpan(input: {
  chain: string;
  chainRunId: string;
  requestId?: string;
  environment?: string;
  traceContext?: Context;
}): ChainSpan {
  const parent = parentContext(input.traceContext);
  const span = promptopsTracer().startSpan(`chain ${input.chain}`, { kind: SpanKind.INTERNAL }, parent);
  if (span.isRecording()) {
    span.setAttributes({ [PROMPTOPS.chainName]: input.chain, [PROMPTOPS.runId]: input.chainRunId });
    if (input.requestId !== undefined) span.setAttribute(PROMPTOPS.requestId, input.requestId);
    if (input.environment !== undefined) span.setAttribute(PROMPTOPS.environment, input.environment);
  }
  return { span, context: trace.setSpan(parent, span) };
}

export function endChainSpan(span: Span, result: ChainResult): void {
  if (span.isRecording()) {
    span.setAttributes({
      [PROMPTOPS.status]: result.status,
      [PROMPTOPS.chainOutcome]: result.outcome,
      [PROMPTOPS.costKnown]: result.cost !== null,
    });
    if (result.endedAt) span.setAttribute(PROMPTOPS.chainEndedAt, result.endedAt.stage);
    if (result.cost) {
      span.setAttributes({
        [PROMPTOPS.costAmount]: result.cost.amount,
        [PROMPTOPS.costCurrency]: result.cost.currency,
      });
    }
    if (result.usage) {
      span.setAttributes({
        [PROMPTOPS.usageInputTokens]: result.usage.inputTokens,
        [PROMPTOPS.usageOutputTokens]: result.usage.outputTokens,
      });
    }
    if (result.error) {
      span.setAttributes({ [ERROR_TYPE]: result.error.code, [PROMPTOPS.errorCode]: result.error.code });
      markFailed(span);
    }
  }
  span.end();
}

/** One stage of a chain (`stage {id}`): the stage's run is its child. */
export function startStageSpan(parent: Context, stage: { id: string; prompt: string }): ChainSpan {
  const span = promptopsTracer().startSpan(`stage ${stage.id}`, { kind: SpanKind.INTERNAL }, parent);
  if (span.isRecording()) {
    span.setAttributes({ [PROMPTOPS.chainStage]: stage.id, [PROMPTOPS.promptName]: stage.prompt });
  }
  return { span, context: trace.setSpan(parent, span) };
}

export function endStageSpan(span: Span, outcome: { status: string } | { error: string }): void {
  if (span.isRecording()) {
    if ('status' in outcome) span.setAttribute(PROMPTOPS.status, outcome.status);
    else {
      span.setAttribute(ERROR_TYPE, outcome.error);
      markFailed(span);
    }
  }
  span.end();
}
