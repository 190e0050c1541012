// Drift watch (issue 10, item 6): deployed versions re-run their suites on a schedule.

export { DRIFT_ACTOR, DRIFT_PRINCIPAL } from './drift-actor.ts';
export { type DriftDrop, type DriftFindings, driftFindings } from './drift-findings.ts';
export {
  createDriftWatch,
  DRIFT_JOB,
  type DriftWatch,
  type DriftWatchOptions,
  type LeasedRun,
  runUnderDriftLease,
} from './drift-watch.ts';
export {
  type DriftCheckDeps,
  type DriftCheckReport,
  type DriftSuiteResult,
  driftReason,
  runDriftCheck,
} from './run-drift-check.ts';
