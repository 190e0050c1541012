import pg from 'pg';

export interface PostgresListenerOptions {
  url: string;
  channel: string;
  /** Each notification's payload; `''` once after a lost connection was re-established. */
  handler: (payload: string) => void;
  /** First wait before reconnecting; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * LISTEN on a connection of its own (outside the pool) for as long as the subscription lasts, and
 * keep it: when the connection drops (Postgres restarted, a proxy's idle timeout, a terminated
 * backend) it reconnects with backoff and listens again. Notifications sent while it was gone are
 * lost, so it then calls the handler once with an empty payload: anything may have changed.
 * The first connection must succeed (its error is thrown); later failures only retry.
 * Returns the unsubscribe function.
 */
export async function listenOnPostgres(options: PostgresListenerOptions): Promise<() => Promise<void>> {
  const retryMs = options.retryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  let stopped = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function subscribe(): Promise<void> {
    const next = new pg.Client({ connectionString: options.url });
    let lost = false;
    const onLost = () => {
      if (lost || stopped) return;
      lost = true;
      client = undefined;
      next.end().catch(() => {});
      reconnect(retryMs);
    };
    // Without an error listener a dropped connection would crash the process.
    next.on('error', () => {});
    next.on('notification', (message) => {
      if (message.channel === options.channel) options.handler(message.payload ?? '');
    });
    try {
      await next.connect();
      await next.query(`listen ${pg.escapeIdentifier(options.channel)}`);
    } catch (error) {
      // This attempt is over; the caller decides whether to retry.
      await next.end().catch(() => {});
      throw error;
    }
    next.on('error', onLost);
    next.on('end', onLost);
    client = next;
  }

  function reconnect(waitMs: number): void {
    timer = setTimeout(() => {
      timer = undefined;
      if (stopped) return;
      subscribe().then(
        () => {
          if (stopped) void client?.end().catch(() => {});
          else options.handler('');
        },
        () => {
          if (!stopped) reconnect(Math.min(waitMs * 2, maxRetryMs));
        },
      );
    }, waitMs);
    timer.unref();
  }

  await subscribe();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await client?.end().catch(() => {});
    client = undefined;
  };
}
