import { type DeliverOptions, deliverDueWebhooks } from './deliver-webhooks.ts';

export interface WebhookDispatcher {
  /** Stops the timer and waits for a delivery round in progress. */
  stop(): Promise<void>;
}

/**
 * What `promptops serve` runs in the background: every `intervalMs` (5 s by default) it sends the
 * deliveries that are due (deliver-webhooks.ts: leased per delivery, so replicas share the work
 * without sending one twice at once). The timer never keeps the process alive.
 */
export function startWebhookDispatcher(
  options: DeliverOptions & { intervalMs?: number; onError?: (error: unknown) => void },
): WebhookDispatcher {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = deliverDueWebhooks(options)
      .catch((error) => options.onError?.(error))
      .finally(() => {
        running = undefined;
      });
  }, options.intervalMs ?? 5000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
