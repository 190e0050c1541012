import { context } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  endServerSpan,
  type ServerSpan,
  startServerSpan,
} from '../observability/tracing/http-server-span.ts';

/** Health, readiness and scrapes are not worth a trace each. */
const TRACED = /^\/(api|v1)\//;

/**
 * Traces API and gateway requests: a SERVER span per request that continues an incoming W3C
 * `traceparent`, made the active context while the handler runs, so the runs it starts (and their
 * model calls) join the application's trace. With tracing off every step is an API no-op.
 */
export function traceRequests(app: FastifyInstance): void {
  const spans = new WeakMap<FastifyRequest, ServerSpan>();
  const end = (request: FastifyRequest, outcome: { status: number } | { aborted: true }) => {
    const traced = spans.get(request);
    if (!traced) return;
    spans.delete(request);
    endServerSpan(traced.span, outcome);
  };
  app.addHook('onRequest', async (request) => {
    if (!TRACED.test(request.url)) return;
    spans.set(
      request,
      startServerSpan({
        method: request.method,
        ...(request.routeOptions.url !== undefined && { route: request.routeOptions.url }),
        requestId: String(request.id),
        headers: request.headers,
      }),
    );
  });
  // After the body is read: the handler, and every promise it starts, runs in the request's context.
  app.addHook('preHandler', (request, _reply, done) => {
    const traced = spans.get(request);
    if (traced) context.with(traced.context, done);
    else done();
  });
  app.addHook('onResponse', async (request, reply) => end(request, { status: reply.statusCode }));
  app.addHook('onRequestAbort', async (request) => end(request, { aborted: true }));
}
