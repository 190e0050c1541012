import { bucketOf } from '../resolve/canary-assignment.ts';

/**
 * Runs the eval runner makes are tagged with their suite (evaluation/runner/case-executors.ts,
 * `metadata.eval_suite`): they are tests of a version, not live traffic, so they are never sampled.
 */
const EVAL_RUN_TAG = 'eval_suite';

/**
 * Whether continuous evaluation samples a run: `hash(run id) < rate`, on the canary assignment's
 * hash with a salt of its own, so the same run is always in or out (on any replica, after any
 * restart) and the share is the prompt version's `sampling.rate` to 0.01%.
 *
 * @example
 * isSampledRun('0b7c…', 0.01) // true for about 1 run in 100
 */
export function isSampledRun(runId: string, rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  return bucketOf(`sample\u0000${runId}`) < rate * 10_000;
}

/** A live run of a prompt version with a sampling rate, picked by its id; eval runs never are. */
export function shouldSample(run: {
  runId: string;
  version: number | null;
  rate: number | undefined;
  metadata: Record<string, unknown> | undefined;
}): boolean {
  if (run.version === null || run.rate === undefined) return false;
  if (run.metadata?.[EVAL_RUN_TAG] !== undefined) return false;
  return isSampledRun(run.runId, run.rate);
}
