/** Server-Sent Events as OpenAI streams them: JSON `data:` lines, `[DONE]` at the end. */

/** One event; JSON.stringify never writes a newline, so the data is one line. */
export const sseData = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;

export const SSE_DONE = 'data: [DONE]\n\n';

/** A comment line: every SSE parser skips it, proxies and load balancers see the connection alive. */
export const SSE_KEEP_ALIVE = ': keep-alive\n\n';

/**
 * Passes on what `events` yields, and a keep-alive comment whenever nothing was sent for
 * `intervalMs` (a long time to first token, a slow model): idle proxies would otherwise cut the
 * connection. Ending early (the client left) returns `events` so its run is stopped.
 */
export async function* withKeepAlive(
  events: AsyncIterator<string>,
  intervalMs: number,
): AsyncGenerator<string> {
  let pending: Promise<IteratorResult<string>> | undefined;
  try {
    for (;;) {
      pending ??= events.next();
      let timer: NodeJS.Timeout | undefined;
      const tick = new Promise<'tick'>((resolve) => {
        timer = setTimeout(() => resolve('tick'), intervalMs);
      });
      const next = await Promise.race([pending, tick]).finally(() => clearTimeout(timer));
      if (next === 'tick') {
        yield SSE_KEEP_ALIVE;
        continue;
      }
      pending = undefined;
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Not awaited: a pending step ends when the run is aborted, and return() waits for it.
    pending?.catch(() => {});
    void events.return?.()?.catch(() => {});
  }
}
