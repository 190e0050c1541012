import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { RunStart, RunStream } from '../../runtime/stream-pipeline.ts';
import type { ChatCompletionRequest } from './chat-completion-request.ts';
import { toOpenAIError } from './openai-error.ts';
import { chunkMaker } from './openai-shapes.ts';
import { overheadMs, runHeaders, unansweredError } from './run-response.ts';
import { SSE_DONE, sseData, withKeepAlive } from './sse.ts';

/**
 * A streamed answer in OpenAI's chunks. The headers go out with the first text, or after
 * `keepAliveMs` without one (then keep-alive comments hold the connection until it comes). Until
 * then a run with nothing to show is an HTTP error; after, it is an `error` event in OpenAI's shape
 * (the official clients throw it as an APIError) and no `[DONE]`.
 */
export async function streamCompletion(
  reply: FastifyReply,
  parsed: ChatCompletionRequest,
  run: RunStream,
  settings: { created: number; keepAliveMs: number },
): Promise<FastifyReply> {
  const parts = run.textStream[Symbol.asyncIterator]();
  const first = parts.next();
  first.catch(() => {}); // read below, possibly after the headers
  const begun = await run.started;
  // Headers leave before the answer: the overhead a stream reports is its time before the model call.
  let overhead = reply.elapsedTime.toFixed(1);
  const early = await settledWithin(first, settings.keepAliveMs);
  if (early === 'ended') {
    const result = await run.result;
    overhead = overheadMs(reply.elapsedTime, result);
    runHeaders(reply, result, overhead);
    const unanswered = unansweredError(result);
    if (unanswered) throw unanswered;
  }
  streamHeaders(reply, run.runId, begun, overhead);
  const chunks = chunkMaker(parsed.model, run.runId, settings.created, parsed.includeUsage);
  async function* events(): AsyncGenerator<string> {
    yield sseData(chunks.role());
    try {
      for (let part = await first; !part.done; part = await parts.next()) {
        if (part.value.length > 0) yield sseData(chunks.text(part.value));
      }
    } catch {
      // The result says what went wrong: the run settles it before the text stream throws.
    } finally {
      await parts.return?.();
    }
    const result = await run.result;
    const unanswered = unansweredError(result);
    if (unanswered) {
      yield sseData(toOpenAIError(unanswered, result.runId).body);
      return;
    }
    yield sseData(chunks.finish(result));
    if (parsed.includeUsage) yield sseData(chunks.usage(result));
    yield SSE_DONE;
  }
  return reply.send(Readable.from(withKeepAlive(events(), settings.keepAliveMs), { objectMode: false }));
}

function streamHeaders(reply: FastifyReply, runId: string, begun: RunStart, overhead: string): void {
  reply
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('x-accel-buffering', 'no')
    .header('x-promptops-run-id', runId)
    .header('x-promptops-overhead-ms', overhead);
  if (begun.version !== null) reply.header('x-promptops-version', String(begun.version));
  if (begun.arm !== null) reply.header('x-promptops-arm', begun.arm);
}

/**
 * Whether the first read of the text stream settled within the interval: with text (`text`),
 * with the run over and nothing to show (`ended`: no text, or a failure), or not yet (`pending`).
 */
async function settledWithin(
  first: Promise<IteratorResult<string>>,
  milliseconds: number,
): Promise<'text' | 'ended' | 'pending'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => resolve('pending'), milliseconds);
  });
  const settled = first.then(
    (part) => (part.done ? ('ended' as const) : ('text' as const)),
    () => 'ended' as const,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
