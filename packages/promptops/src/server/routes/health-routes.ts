import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../server-deps.ts';

/**
 * `/healthz`: the process answers (liveness). `/readyz`: the database answers and the server is not
 * draining (readiness; a load balancer stops sending work when it turns 503). Both are public.
 */
export function healthRoutes(app: FastifyInstance, deps: ServerDeps, state: { draining: boolean }): void {
  app.get('/healthz', { config: { public: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true } }, async (_request, reply) => {
    if (state.draining) return reply.status(503).send({ status: 'draining' });
    try {
      await deps.handle.db.execute(sql`select 1`);
    } catch {
      return reply.status(503).send({ status: 'database unavailable' });
    }
    return { status: 'ready', runtime: deps.runtime !== undefined };
  });
}
