import {
  type Context,
  context,
  type Span,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { SEMCONV_SCHEMA_URL } from './attributes.ts';

/**
 * The tracer every promptops span comes from, through the global API: without an SDK registered
 * (tracing off) it hands out non-recording spans, and the span helpers check `isRecording()` before
 * they compute an attribute, so a run pays a few allocations and no more. Cached per global
 * provider, which is replaced only when tracing is disabled and registered again (tests, benches).
 */
export function promptopsTracer(): Tracer {
  const provider = trace.getTracerProvider();
  if (cached?.provider !== provider) {
    cached = {
      provider,
      tracer: provider.getTracer('promptops', undefined, { schemaUrl: SEMCONV_SCHEMA_URL }),
    };
  }
  return cached.tracer;
}

let cached: { provider: TracerProvider; tracer: Tracer } | undefined;

/** The parent for a new span: the one given, else whatever span is active (an application's own). */
export function parentContext(given?: Context): Context {
  return given ?? context.active();
}

/**
 * Marks a span failed per the conventions' "recording errors": status ERROR with no description
 * (provider messages can echo request text) and `error.type` set by the caller.
 */
export function markFailed(span: Span): void {
  span.setStatus({ code: SpanStatusCode.ERROR });
}
