import { PromptopsClientError } from './client-error.ts';

export interface CallSignal {
  /** Aborts on the caller's signal or when the deadline passes. */
  signal: AbortSignal;
  /** Restarts the deadline: a stream calls it on every chunk, so `timeoutMs` bounds each silence. */
  extend(): void;
  /** The client error for a failure seen while this call ran (timeout, abort, or the network). */
  errorOf(error: unknown): PromptopsClientError;
  /** Stops the timer and lets go of the caller's signal. */
  dispose(): void;
  /** Hangs up: aborts the request or the body still being read (a no-op once it was read). */
  cancel(): void;
}

/**
 * One call's cancellation: the caller's AbortSignal and the client's timeout as one signal, and the
 * means to tell afterwards which of the two (or the network) ended the call.
 */
export function callSignal(callerSignal: AbortSignal | undefined, timeoutMs: number): CallSignal {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const extend = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new PromptopsClientError('timeout', `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  };
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  if (!controller.signal.aborted) extend();

  return {
    signal: controller.signal,
    extend: () => {
      if (!controller.signal.aborted) extend();
    },
    errorOf(error) {
      if (PromptopsClientError.isInstance(error) && error.code !== 'timeout') return error;
      if (callerSignal?.aborted) {
        return new PromptopsClientError('aborted', 'the call was aborted by its signal', {
          cause: callerSignal.reason,
        });
      }
      if (timedOut) return new PromptopsClientError('timeout', `no answer within ${timeoutMs} ms`);
      return new PromptopsClientError(
        'network_error',
        `the server could not be reached: ${reasonOf(error)}`,
        {
          cause: error,
        },
      );
    },
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
    cancel() {
      controller.abort(new PromptopsClientError('aborted', 'the stream was left before its end'));
    },
  };
}

/** Undici's "fetch failed" says nothing; its cause says ECONNREFUSED and the address. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
