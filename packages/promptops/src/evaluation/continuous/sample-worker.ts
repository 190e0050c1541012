import { type SampleOutcome, type ScoreSamplesOptions, scoreDueSamples } from './score-due-samples.ts';

export interface SampleWorkerOptions extends Omit<ScoreSamplesOptions, 'stopping'> {
  /** How long the worker waits after finding nothing due; 5 s by default. */
  intervalMs?: number;
  /** Told when a pass fails (the store is down); the worker carries on at its next interval. */
  warn: (message: string) => void;
}

export interface SampleWorker {
  /** Starts scoring in the background: a pass every interval, and soon after `wake`. */
  start(): void;
  /** New samples were queued: score them soon rather than at the next interval. */
  wake(): void;
  /** Scores everything due now, waiting for it (tests, `promptops samples score`). */
  scoreNow(): Promise<SampleOutcome[]>;
  /**
   * Stops: no new pass starts, the sample being scored is finished, and samples claimed but not yet
   * scored are handed back (due at once), so a shutdown loses nothing and waits for one sample only.
   */
  stop(): Promise<void>;
}

/** A wake-up within this long after samples are queued: batches of runs become one pass. */
const WAKE_DELAY_MS = 250;

/**
 * The scoring worker of continuous evaluation, started by the runtime (createRuntime) beside the
 * request path and never on it: runs return before their samples are scored. One pass at a time
 * per worker; replicas share the queue through scoreDueSamples' leases.
 *
 * @example
 * const worker = createSampleWorker({ db, readVersion, services: { judge }, warn: console.warn });
 * worker.start();
 * await worker.stop();
 */
export function createSampleWorker(options: SampleWorkerOptions): SampleWorker {
  const intervalMs = options.intervalMs ?? 5_000;
  let started = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let passes: Promise<unknown> = Promise.resolve();

  async function drain(): Promise<SampleOutcome[]> {
    const outcomes: SampleOutcome[] = [];
    while (!stopped) {
      const pass = await scoreDueSamples({ ...options, stopping: () => stopped });
      outcomes.push(...pass);
      if (pass.length === 0) break;
    }
    return outcomes;
  }

  /** Passes run one after another, whoever asks for them. */
  function enqueue(): Promise<SampleOutcome[]> {
    const next = passes.then(drain);
    passes = next.catch(() => {});
    return next;
  }

  function schedule(delayMs: number): void {
    if (!started || stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      enqueue()
        .catch((error: unknown) =>
          options.warn(
            `continuous evaluation: scoring sampled runs failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        )
        .finally(() => {
          if (timer === undefined) schedule(intervalMs);
        });
    }, delayMs);
    timer.unref();
  }

  return {
    start() {
      if (started) return;
      started = true;
      schedule(intervalMs);
    },
    wake() {
      schedule(WAKE_DELAY_MS);
    },
    scoreNow: () => (stopped ? Promise.resolve([]) : enqueue()),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await passes;
    },
  };
}
