import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { PromptopsError } from '../../errors/index.ts';
import { authorize } from '../../governance/access/index.ts';
import type { RunResult } from '../../runtime/run-result.ts';
import type { ServerDeps } from '../server-deps.ts';
import { RUN_BODY, type RunBody, runOptionsOf, runtimeOf } from './run-routes.ts';

/** One Server-Sent Event: JSON data on one line (JSON.stringify never writes a newline). */
const event = (name: 'delta' | 'result', data: unknown) =>
  `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * `POST /api/runs/stream`: the run with its answer as Server-Sent Events: `delta` events
 * (`{"text"}`) as the text arrives, then one `result` event with the same result `POST /api/runs`
 * returns. A run that fails before any text is the error envelope with its status; once text has
 * been sent the status is 200, so a later failure or guard stop arrives as the final `result`
 * (status `failed` or `blocked`; discard the text shown). A client that hangs up stops the model call.
 */
export function streamRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post<{ Body: RunBody }>('/api/runs/stream', { schema: { body: RUN_BODY } }, async (request, reply) => {
    const body = request.body;
    authorize(request.principal, 'prompt-run', body.prompt);
    if (body.draft !== undefined) authorize(request.principal, 'version-create', body.prompt);
    const stream = runtimeOf(deps).stream(body.prompt, body.variables, runOptionsOf(body, request, reply));
    const parts = stream.textStream[Symbol.asyncIterator]();
    let first: IteratorResult<string>;
    try {
      first = await parts.next();
    } catch (error) {
      const { runId } = await stream.result;
      if (PromptopsError.isInstance(error)) {
        throw new PromptopsError(error.code, error.message, { ...error.details, runId });
      }
      throw error;
    }
    async function* events(): AsyncGenerator<string> {
      try {
        for (let part = first; !part.done; part = await parts.next()) {
          yield event('delta', { text: part.value });
        }
      } catch {
        // The result below says what went wrong: the stream settles it before it throws.
      } finally {
        await parts.return?.();
      }
      yield event('result', (await stream.result) satisfies RunResult);
    }
    return reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('x-accel-buffering', 'no')
      .send(Readable.from(events(), { objectMode: false }));
  });
}
