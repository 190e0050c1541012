import type { FastifyInstance } from 'fastify';
import { Histogram } from 'prom-client';
import { authorize } from '../../governance/access/index.ts';
import { registerSampleMetrics } from '../../observability/metrics/sample-metrics.ts';
import type { ServerDeps } from '../server-deps.ts';

/**
 * `GET /metrics`: Prometheus text. Metrics name every prompt, so reading them needs a viewer grant
 * on the whole catalog (scrape with `authorization: Bearer <token>` in the scrape config). Also
 * counts every HTTP request by route, method and status, and reads the continuous-evaluation
 * scores of sampled runs from the store (sample-metrics.ts).
 */
export function metricsRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const metrics = deps.metrics;
  if (!metrics) return;
  registerSampleMetrics(metrics.registry, { db: deps.handle.db });
  const requests = new Histogram({
    name: 'promptops_http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [metrics.registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    requests.observe(
      {
        route: request.routeOptions.url ?? 'unknown',
        method: request.method,
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', async (request, reply) => {
    authorize(request.principal, 'catalog-read', '');
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
