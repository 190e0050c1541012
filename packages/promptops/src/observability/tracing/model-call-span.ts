import { type Context, type Span, SpanKind, trace } from '@opentelemetry/api';
import type {
  FinishReason,
  ModelParameters,
  ModelUsage,
  ProtocolName,
  ResponseFormat,
} from '../../runtime/providers/provider.ts';
import { ERROR_TYPE, GEN_AI, OPERATION, PROMPTOPS } from './attributes.ts';
import { markFailed, parentContext, promptopsTracer } from './tracer.ts';

/** The model a call goes to (a runtime ModelTarget). */
export interface TracedTarget {
  /** `provider/model` as configured. */
  id: string;
  model: string;
  provider: { name: string; protocol: ProtocolName };
}

/** What finished a call: the parts of a response or a stream's finish that a span may carry. */
export interface CallEnd {
  model: string;
  finishReason: FinishReason;
  usage: ModelUsage | null;
  responseId?: string;
}

/**
 * One model call attempt as a GenAI inference span (`chat {model}`, CLIENT): a retry or a fallback
 * is a span of its own beside the first, so none is invisible. The request's parameters are
 * recorded; its messages never are.
 */
export function startModelCallSpan(
  parent: Context | undefined,
  target: TracedTarget,
  call: {
    attempt: number;
    fallbackIndex: number;
    parameters?: ModelParameters;
    responseFormat?: ResponseFormat;
  },
): Span {
  const span = promptopsTracer().startSpan(
    `${OPERATION.chat} ${target.model}`,
    { kind: SpanKind.CLIENT },
    parentContext(parent),
  );
  if (!span.isRecording()) return span;
  span.setAttributes({
    [GEN_AI.operationName]: OPERATION.chat,
    [GEN_AI.providerName]: target.provider.name,
    [GEN_AI.requestModel]: target.model,
    [PROMPTOPS.model]: target.id,
    [PROMPTOPS.providerProtocol]: target.provider.protocol,
    [PROMPTOPS.attempt]: call.attempt,
    [PROMPTOPS.fallbackIndex]: call.fallbackIndex,
  });
  const parameters = call.parameters ?? {};
  const numbers: [string, number | undefined][] = [
    [GEN_AI.requestTemperature, parameters.temperature],
    [GEN_AI.requestMaxTokens, parameters.maxTokens],
    [GEN_AI.requestTopP, parameters.topP],
    [GEN_AI.requestSeed, parameters.seed],
    [GEN_AI.requestPresencePenalty, parameters.presencePenalty],
    [GEN_AI.requestFrequencyPenalty, parameters.frequencyPenalty],
  ];
  for (const [key, value] of numbers) if (value !== undefined) span.setAttribute(key, value);
  if (call.responseFormat && call.responseFormat.type !== 'text')
    span.setAttribute(GEN_AI.outputType, 'json');
  return span;
}

/** Ends an attempt that answered: the model that did, why it stopped, the tokens it reported. */
export function endModelCallSpan(span: Span, end: CallEnd): void {
  if (span.isRecording()) {
    span.setAttributes({
      [GEN_AI.responseModel]: end.model,
      [GEN_AI.responseFinishReasons]: [end.finishReason],
    });
    if (end.responseId !== undefined) span.setAttribute(GEN_AI.responseId, end.responseId);
    if (end.usage) {
      span.setAttributes({
        [GEN_AI.usageInputTokens]: end.usage.inputTokens,
        [GEN_AI.usageOutputTokens]: end.usage.outputTokens,
      });
    }
  }
  span.end();
}

/**
 * Ends a failed attempt. `error.type` is the failure's kind (`timeout`, `rate-limited`, …; the
 * runtime's list in providers/provider-failure.ts), never its message.
 */
export function failModelCallSpan(span: Span, failure: { kind: string; status?: number }): void {
  if (span.isRecording()) {
    span.setAttribute(ERROR_TYPE, failure.kind);
    if (failure.status !== undefined) span.setAttribute('http.response.status_code', failure.status);
    markFailed(span);
  }
  span.end();
}

/** A model passed over because its provider's circuit is open: an event on the run, not a call. */
export function recordSkippedModel(parent: Context | undefined, target: TracedTarget): void {
  const run = trace.getSpan(parentContext(parent));
  if (run?.isRecording()) {
    run.addEvent('promptops.model.skipped', {
      [PROMPTOPS.model]: target.id,
      [ERROR_TYPE]: 'circuit-open',
    });
  }
}
