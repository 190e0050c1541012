import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import { createSampleWorker, type SampleWorker } from '../../evaluation/continuous/sample-worker.ts';
import type { AssertionServices } from '../../evaluation/eval-types.ts';
import type { RecognizerRule } from '../../governance/policies/guard-policy.ts';
import type { GuardDetectors } from '../../guardrails/create-guard-hooks.ts';
import { defaultGuardDetectors } from '../../guardrails/default-detectors.ts';
import type { Database } from '../../store/index.ts';
import type { RecordSampler } from '../records/run-recorder.ts';
import type { CachedCatalog } from '../resolve/cached-catalog.ts';
import { createRunSampler } from './create-run-sampler.ts';

export interface ContinuousEvaluationOptions {
  db: Database;
  cache: CachedCatalog;
  /** promptops.yaml `retention.redacted_io`: sampling needs the redacted input and output kept. */
  keepRedactedIo: boolean;
  /** The guards' detectors; their PII scanner redacts sampled input and output. */
  detectors: GuardDetectors;
  /** For the built-in scanner, when the guards' detectors have none. */
  recognizers: readonly RecognizerRule[];
  judge?: AssertionServices['judge'];
  /** Start the background worker (the default); one-shot processes score with `scoreNow` instead. */
  worker: boolean;
  intervalMs?: number;
  warn: (message: string) => void;
}

/**
 * The runtime's half of continuous evaluation: the recorder's sampler (redacts a sampled run's input
 * and output off the request path, queues the run once its record is written) and the worker that
 * scores the queue, woken whenever samples are queued.
 */
export function startContinuousEvaluation(options: ContinuousEvaluationOptions): {
  sampler: RecordSampler;
  worker: SampleWorker;
} {
  const worker = createSampleWorker({
    db: options.db,
    readVersion: async (name, version) =>
      (await options.cache.version('prompt', name, version)).content as PromptContent,
    services: options.judge ? { judge: options.judge } : {},
    warn: options.warn,
    ...(options.intervalMs !== undefined && { intervalMs: options.intervalMs }),
  });
  const { scanPii, redactPii } =
    options.detectors.scanPii && options.detectors.redactPii
      ? options.detectors
      : defaultGuardDetectors(options.recognizers);
  const sampler = createRunSampler({
    keepRedactedIo: options.keepRedactedIo,
    detectors: { scanPii: scanPii!, redactPii: redactPii! },
    warn: options.warn,
    onQueued: () => worker.wake(),
  });
  if (options.worker) worker.start();
  return { sampler, worker };
}
