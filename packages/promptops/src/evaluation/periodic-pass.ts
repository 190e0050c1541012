import { hostname } from 'node:os';

/** A job that runs on a timer inside `promptops serve`, one pass at a time. */
export interface PeriodicPass<Result> {
  /** Starts the timer (off the request path; it never keeps the process alive) and runs a pass now. */
  start(): void;
  /** One pass; a call while one is in flight joins it instead of starting another. */
  tick(): Promise<Result>;
  /** Stops the timer and waits for a pass in flight. */
  close(): Promise<void>;
}

/** Who holds a lease in the meta table: host, process and a random tag. */
export const defaultHolder = (): string =>
  `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

/**
 * The timer the drift and experiment watches share: every `everyMs` it runs `pass` unless one is
 * still running; a failed pass becomes `onError`'s result (logged there), so the timer goes on.
 */
export function periodicPass<Result>(
  pass: () => Promise<Result>,
  options: { everyMs: number; onError(error: unknown): Result },
): PeriodicPass<Result> {
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<Result> | undefined;
  const tick = (): Promise<Result> => {
    if (inFlight) return inFlight;
    inFlight = pass()
      .catch(options.onError)
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  return {
    start() {
      if (timer) return;
      timer = setInterval(() => void tick(), options.everyMs);
      timer.unref();
      void tick();
    },
    tick,
    async close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await inFlight;
    },
  };
}
