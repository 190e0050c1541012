// The OpenTelemetry SDK: loaded only when tracing is on (start-tracing.ts imports this file
// dynamically), so processes without tracing never pay for importing it.
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  type Sampler,
  type SpanExporter,
  type SpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { TracesSampler, TracingConfig } from './tracing-config.ts';

export interface RegisteredTracing {
  provider: TracerProvider;
  /** Exports what is buffered now. */
  flush(): Promise<void>;
  /** Exports what is left, then unregisters the global provider, context manager and propagator. */
  shutdown(): Promise<void>;
}

/**
 * Registers a tracer provider globally with the W3C trace-context and baggage propagators and an
 * AsyncLocalStorage context manager (so a span active in an HTTP handler is the parent of the runs
 * it starts). Tests pass their own processors (an in-memory exporter); `startTracing` passes the
 * configured exporter's.
 */
export function registerTracing(options: {
  spanProcessors: SpanProcessor[];
  serviceName?: string;
  resourceAttributes?: Record<string, string>;
  sampler?: Sampler;
}): RegisteredTracing {
  const provider = new TracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({
        ...options.resourceAttributes,
        'service.name': options.serviceName ?? 'promptops',
      }),
    ),
    spanProcessors: options.spanProcessors,
    ...(options.sampler && { sampler: options.sampler }),
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  trace.setGlobalTracerProvider(provider);
  return {
    provider,
    flush: () => provider.forceFlush(),
    async shutdown() {
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        propagation.disable();
        context.disable();
      }
    },
  };
}

/** The SDK as the environment configures it: one exporter behind a batching processor. */
export function registerConfiguredTracing(
  config: Extract<TracingConfig, { enabled: true }>,
): RegisteredTracing {
  return registerTracing({
    spanProcessors: [new BatchSpanProcessor({ exporter: exporterOf(config) })],
    serviceName: config.serviceName,
    resourceAttributes: config.resourceAttributes,
    sampler: samplerOf(config.sampler),
  });
}

function exporterOf(config: Extract<TracingConfig, { enabled: true }>): SpanExporter {
  if (config.exporter === 'console') return new ConsoleSpanExporter();
  const settings = { url: config.url, headers: config.headers };
  return config.protocol === 'http/json'
    ? new OtlpJsonExporter(settings)
    : new OtlpProtobufExporter(settings);
}

function samplerOf(sampler: TracesSampler): Sampler {
  switch (sampler.kind) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(sampler.ratio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(sampler.ratio) });
  }
}
