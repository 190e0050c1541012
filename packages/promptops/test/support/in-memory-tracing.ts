import { type AttributeValue, SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { type RegisteredTracing, registerTracing } from '../../src/observability/tracing/tracing-sdk.ts';

export interface InMemoryTracing {
  /** Spans ended so far, in the order they ended. */
  spans(): ReadableSpan[];
  /** The one ended span of that name; fails the test when there is none or more than one. */
  one(name: string): ReadableSpan;
  reset(): void;
  close(): Promise<void>;
}

/**
 * Registers the SDK globally as `promptops serve` does (tracing-sdk.ts), exporting to memory with a
 * simple (unbatched) processor so spans are there as soon as they end.
 */
export function startInMemoryTracing(): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  const registered: RegisteredTracing = registerTracing({
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const spans = () => exporter.getFinishedSpans();
  return {
    spans,
    one(name) {
      const found = spans().filter((span) => span.name === name);
      if (found.length !== 1) {
        throw new Error(
          `expected one span "${name}", found ${found.length} among ${spans()
            .map((span) => span.name)
            .join(', ')}`,
        );
      }
      return found[0]!;
    },
    reset: () => exporter.reset(),
    close: () => registered.shutdown(),
  };
}

/** The span's parent span id, or undefined for a root span. */
export function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

export function kindName(span: ReadableSpan): string {
  return SpanKind[span.kind];
}

/** Every string an exporter would send for these spans: attribute values, event attributes, names. */
export function exportedStrings(spans: ReadableSpan[]): string[] {
  const strings: string[] = [];
  const add = (value: AttributeValue | undefined) => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') strings.push(item);
  };
  for (const span of spans) {
    strings.push(span.name, span.status.message ?? '');
    for (const value of Object.values(span.attributes)) add(value);
    for (const event of span.events) {
      strings.push(event.name);
      for (const value of Object.values(event.attributes ?? {})) add(value);
    }
  }
  return strings;
}
