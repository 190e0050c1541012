import type { FastifyReply } from 'fastify';

/**
 * A signal that aborts when the caller hangs up before the answer is sent, so its model call stops
 * instead of running (and costing) for nobody.
 */
export function clientAbortSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('the client closed the connection'));
  });
  return controller.signal;
}
