import { type Context, propagation, ROOT_CONTEXT, type Span, SpanKind, trace } from '@opentelemetry/api';
import { ERROR_TYPE, PROMPTOPS } from './attributes.ts';
import { markFailed, promptopsTracer } from './tracer.ts';

export interface ServerSpan {
  span: Span;
  /** The context the request's work runs in: runs started while handling it are its children. */
  context: Context;
}

/**
 * The SERVER span of one HTTP request (`POST /v1/chat/completions`, HTTP semantic conventions),
 * continuing the caller's trace when the request carries a W3C `traceparent` header. Only the
 * method, the route pattern and the status are recorded: never the query, headers or body.
 */
export function startServerSpan(request: {
  method: string;
  route?: string;
  requestId: string;
  headers: Record<string, string | string[] | undefined>;
}): ServerSpan {
  const parent = propagation.extract(ROOT_CONTEXT, request.headers);
  const span = promptopsTracer().startSpan(
    request.route ? `${request.method} ${request.route}` : request.method,
    { kind: SpanKind.SERVER },
    parent,
  );
  if (span.isRecording()) {
    span.setAttributes({ 'http.request.method': request.method, [PROMPTOPS.requestId]: request.requestId });
    if (request.route) span.setAttribute('http.route', request.route);
  }
  return { span, context: trace.setSpan(parent, span) };
}

/** Ends the request's span; a 5xx is an error (`error.type` is the status), a 4xx is the caller's. */
export function endServerSpan(span: Span, outcome: { status: number } | { aborted: true }): void {
  if (span.isRecording()) {
    if ('aborted' in outcome) {
      span.setAttribute(ERROR_TYPE, 'aborted');
    } else {
      span.setAttribute('http.response.status_code', outcome.status);
      if (outcome.status >= 500) {
        span.setAttribute(ERROR_TYPE, String(outcome.status));
        markFailed(span);
      }
    }
  }
  span.end();
}
