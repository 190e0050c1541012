import type { DriftPolicy } from '../../governance/policies/index.ts';
import { scheduleMs } from '../../governance/policies/index.ts';
import type { AlertLogger } from '../../observability/alerts/alert-log.ts';
import { type Database, readLease, releaseLease, renewLease, takeLease } from '../../store/index.ts';
import { defaultHolder, type PeriodicPass, periodicPass } from '../periodic-pass.ts';
import type { DriftCheckReport } from './run-drift-check.ts';

/** The lease row's job name: one drift check at a time across every replica sharing the store. */
export const DRIFT_JOB = 'drift-watch';

export interface DriftLeaseOptions {
  db: Database;
  /** This process, as the lease names it; default host:pid:random. */
  holder?: string;
  clock?: () => Date;
  /** How long a lease lasts before another replica may take over; renewed at a third of it. Default 15 min. */
  leaseMs?: number;
}

export type LeasedRun =
  | { outcome: 'ran'; report: DriftCheckReport }
  /** Another replica holds the lease (a check is running there), or with `dueEvery` it is not due. */
  | { outcome: 'skipped'; heldBy?: string; until?: string; lastRunAt?: string };

export { defaultHolder };

/**
 * Runs `check` only while holding the drift lease: taken by one conditional upsert (so two
 * replicas racing cannot both run), renewed while the check runs, released when it ends with the
 * start time recorded as the last run. With `dueEvery` the lease is only taken when the last run
 * started at least that long ago: the schedule is shared, not per replica.
 */
export async function runUnderDriftLease(
  options: DriftLeaseOptions,
  check: () => Promise<DriftCheckReport>,
  dueEvery?: number,
): Promise<LeasedRun> {
  const clock = options.clock ?? (() => new Date());
  const holder = options.holder ?? defaultHolder();
  const leaseMs = options.leaseMs ?? 15 * 60_000;
  const started = clock();
  const lease = await takeLease(options.db, {
    job: DRIFT_JOB,
    holder,
    now: started,
    until: new Date(started.getTime() + leaseMs),
    ...(dueEvery !== undefined && { dueBefore: new Date(started.getTime() - dueEvery) }),
  });
  if (!lease) {
    const held = await readLease(options.db, DRIFT_JOB);
    const busy = held && new Date(held.until).getTime() > started.getTime();
    return {
      outcome: 'skipped',
      ...(busy && { heldBy: held.holder, until: held.until }),
      ...(held?.lastRunAt !== undefined && { lastRunAt: held.lastRunAt }),
    };
  }
  const renewal = setInterval(
    () => {
      void renewLease(options.db, {
        job: DRIFT_JOB,
        holder,
        until: new Date(clock().getTime() + leaseMs),
      }).catch(() => undefined);
    },
    Math.max(1000, Math.floor(leaseMs / 3)),
  );
  renewal.unref();
  try {
    return { outcome: 'ran', report: await check() };
  } finally {
    clearInterval(renewal);
    await releaseLease(options.db, { job: DRIFT_JOB, holder, now: clock(), lastRunAt: started });
  }
}

export interface DriftWatchOptions extends DriftLeaseOptions {
  policy: DriftPolicy;
  check: () => Promise<DriftCheckReport>;
  log: AlertLogger;
  /** How often to look whether a check is due; default 60 s. */
  pollMs?: number;
}

/** Starts, runs one pass (`tick`) and closes the watch: a periodic pass under the lease. */
export type DriftWatch = PeriodicPass<LeasedRun>;

/**
 * The drift watch inside `promptops serve`: every `pollMs` it asks for the lease with the policy's
 * `every`, so across any number of replicas one check runs per period.
 */
export function createDriftWatch(options: DriftWatchOptions): DriftWatch {
  const every = scheduleMs(options.policy.every) as number;
  const holder = options.holder ?? defaultHolder();
  return periodicPass(
    () =>
      runUnderDriftLease({ ...options, holder }, options.check, every).then((outcome) => {
        if (outcome.outcome === 'ran') {
          const drifted = outcome.report.results.filter((result) => result.drifted).length;
          options.log.info(
            { suites: outcome.report.results.length, drifted },
            `drift check: ${outcome.report.results.length} suites re-run, ${drifted} drifted`,
          );
        }
        return outcome;
      }),
    {
      everyMs: options.pollMs ?? 60_000,
      onError(error): LeasedRun {
        options.log.error({ err: String(error) }, 'drift check failed');
        return { outcome: 'skipped' };
      },
    },
  );
}
