import { hostname } from 'node:os';
import { releaseLease, takeLease } from '../../store/index.ts';
import { type ExperimentDeps, type ExperimentLogger, nowOf } from './experiment-deps.ts';
import { type SettleReport, settleExperiments } from './settle-experiments.ts';

/** The lease row's job name: one evaluation pass at a time across every replica sharing the store. */
export const EXPERIMENTS_JOB = 'experiments';

export type WatchPass = { outcome: 'ran'; report: SettleReport } | { outcome: 'skipped' };

export interface ExperimentWatchOptions extends ExperimentDeps {
  log: ExperimentLogger;
  /** How often a pass is due across all replicas; default 60 s. */
  everyMs?: number;
  /** This process, as the lease names it; default host:pid:random. */
  holder?: string;
  /** How long a pass may hold the lease before another replica may take over; default 5 min. */
  leaseMs?: number;
}

export interface ExperimentWatch {
  /** Starts the timer (off the request path; it never keeps the process alive). */
  start(): void;
  /** One look: a pass if one is due and no other replica is running one. */
  tick(): Promise<WatchPass>;
  /** Stops the timer and waits for a pass in flight. */
  close(): Promise<void>;
}

/**
 * Runs one pass of the stopping rule under the `lease:experiments` row of `meta` (the drift watch's
 * lease, store/repositories/lease-repository.ts): taken by one conditional upsert only when the
 * last pass started at least `everyMs` ago, so replicas share one schedule and one replica at a
 * time ends experiments. A pass that finds nothing to end still counts as run.
 */
export async function runExperimentPass(options: ExperimentWatchOptions): Promise<WatchPass> {
  const holder = options.holder ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const started = nowOf(options);
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const lease = await takeLease(options.db, {
    job: EXPERIMENTS_JOB,
    holder,
    now: started,
    until: new Date(started.getTime() + leaseMs),
    dueBefore: new Date(started.getTime() - (options.everyMs ?? 60_000)),
  });
  if (!lease) return { outcome: 'skipped' };
  try {
    return { outcome: 'ran', report: await settleExperiments(options) };
  } finally {
    await releaseLease(options.db, { job: EXPERIMENTS_JOB, holder, now: nowOf(options), lastRunAt: started });
  }
}

/**
 * The experiment watch inside `promptops serve`: every `everyMs` (default 60 s) it asks for the
 * lease, so across any number of replicas one pass runs per period.
 */
export function createExperimentWatch(options: ExperimentWatchOptions): ExperimentWatch {
  const holder = options.holder ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<WatchPass> | undefined;
  const tick = (): Promise<WatchPass> => {
    if (inFlight) return inFlight;
    inFlight = runExperimentPass({ ...options, holder })
      .catch((error: unknown): WatchPass => {
        options.log.error({ err: String(error) }, 'experiment evaluation failed');
        return { outcome: 'skipped' };
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  return {
    start() {
      if (timer) return;
      timer = setInterval(() => void tick(), options.everyMs ?? 60_000);
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
