import { releaseLease, takeLease } from '../../store/index.ts';
import { defaultHolder, type PeriodicPass, periodicPass } from '../periodic-pass.ts';
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

/** Starts, runs one pass (`tick`) and closes the watch: a periodic pass under the lease. */
export type ExperimentWatch = PeriodicPass<WatchPass>;

/**
 * Runs one pass of the stopping rule under the `lease:experiments` row of `meta` (the drift watch's
 * lease, store/repositories/lease-repository.ts): taken by one conditional upsert only when the
 * last pass started at least `everyMs` ago, so replicas share one schedule and one replica at a
 * time ends experiments. A pass that finds nothing to end still counts as run.
 */
export async function runExperimentPass(options: ExperimentWatchOptions): Promise<WatchPass> {
  const holder = options.holder ?? defaultHolder();
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
  const holder = options.holder ?? defaultHolder();
  return periodicPass(() => runExperimentPass({ ...options, holder }), {
    everyMs: options.everyMs ?? 60_000,
    onError(error): WatchPass {
      options.log.error({ err: String(error) }, 'experiment evaluation failed');
      return { outcome: 'skipped' };
    },
  });
}
