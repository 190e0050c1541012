import { PromptopsClientError } from './client-error.ts';
import type { RunOptions } from './run-options.ts';
import { runBody } from './run-options.ts';
import type { RunResult } from './run-result.ts';
import { parseServerSentEvents } from './server-sent-events.ts';
import type { Transport } from './transport.ts';

/** What a streamed run yields: text as it arrives, then the run's result (always last). */
export type StreamEvent = { type: 'delta'; text: string } | { type: 'result'; result: RunResult };

/**
 * `POST /api/runs/stream` read as it arrives. The request starts on the first `next()`; leaving the
 * loop early (break, return, a throw) hangs up, and the server stops the model call. A run that fails,
 * before or after text, throws PromptopsClientError with its code (the run id in `details`), as
 * `run` does; a guard that stops the answer part-way ends with a `blocked` result (discard the text).
 */
export async function* streamRun(
  transport: Transport,
  prompt: string,
  options: RunOptions,
): AsyncGenerator<StreamEvent, void, undefined> {
  const { response, call } = await transport.open({
    method: 'POST',
    path: '/api/runs/stream',
    body: runBody(prompt, options),
    headers: { accept: 'text/event-stream' },
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    requestId: options.requestId,
  });
  const requestId = response.headers.get('x-request-id');
  try {
    if (!response.body) throw unexpected('an empty stream', response.status, requestId);
    let result: RunResult | undefined;
    try {
      for await (const event of parseServerSentEvents(response.body, call.extend)) {
        if (event.event === 'delta') {
          yield {
            type: 'delta',
            text: (parse(event.data, response.status, requestId) as { text: string }).text,
          };
        } else if (event.event === 'result') {
          result = parse(event.data, response.status, requestId) as RunResult;
        }
      }
    } catch (error) {
      throw call.errorOf(error);
    }
    if (!result) throw unexpected('a stream that ended without its result', response.status, requestId);
    if (result.status === 'failed') {
      throw new PromptopsClientError(
        result.error?.code ?? 'internal',
        result.error?.message ?? result.reason ?? 'the run failed',
        { status: response.status, details: { runId: result.runId }, requestId },
      );
    }
    yield { type: 'result', result };
  } finally {
    // Hangs up when the caller left early (the server then stops the model call); harmless after the end.
    call.dispose();
    call.cancel();
  }
}

function parse(data: string, status: number, requestId: string | null): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw unexpected('an event whose data is not JSON', status, requestId);
  }
}

function unexpected(what: string, status: number, requestId: string | null): PromptopsClientError {
  return new PromptopsClientError('unexpected_response', `the server sent ${what}`, { status, requestId });
}
