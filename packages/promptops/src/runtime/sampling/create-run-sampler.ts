import { canonicalJson } from '../../catalog/content/canonical-json.ts';
import type { GuardDetectors } from '../../guardrails/create-guard-hooks.ts';
import { type Database, insertRunSamples, type RunRecordRow } from '../../store/index.ts';
import type { RecordSampler, SampledIo } from '../records/run-recorder.ts';

export interface RunSamplerOptions {
  /**
   * promptops.yaml `retention.redacted_io`. Without stored input and output there is nothing to
   * score or review, so sampling is off (with one warning) when it is false.
   */
  keepRedactedIo: boolean;
  /** The PII and secret scanner the guards use; every finding is replaced by its type (`[EMAIL]`). */
  detectors: Required<Pick<GuardDetectors, 'scanPii' | 'redactPii'>>;
  warn: (message: string) => void;
  /** Told after samples were queued: wakes the scoring worker. */
  onQueued?: () => void;
  clock?: () => Date;
}

/**
 * The recorder's side of continuous evaluation: a sampled run's record gets its input (canonical
 * JSON of the variables) and output with personal data and secrets replaced, then the run is queued
 * in `run_samples` for the scoring worker. A failure to redact or to queue costs the sample, never
 * the run or its record, and is reported through `warn`.
 */
export function createRunSampler(options: RunSamplerOptions): RecordSampler {
  const clock = options.clock ?? (() => new Date());
  const { scanPii, redactPii } = options.detectors;
  const redactText = (text: string) => redactPii(text, scanPii(text));
  let warnedOff = false;
  return {
    prepare(row: RunRecordRow, io: SampledIo): boolean {
      if (!options.keepRedactedIo) {
        if (!warnedOff) {
          warnedOff = true;
          options.warn(
            'continuous evaluation is off: promptops.yaml retention.redacted_io is false, so sampled runs have no input or output to score or review',
          );
        }
        return false;
      }
      try {
        row.redactedInput = canonicalJson(redactValue(io.input, redactText));
        row.redactedOutput = redactText(io.output);
        return true;
      } catch (error) {
        row.redactedInput = null;
        row.redactedOutput = null;
        options.warn(
          `run ${row.id} was not sampled: redacting its input and output failed: ${messageOf(error)}`,
        );
        return false;
      }
    },
    async queue(db: Database, rows: readonly RunRecordRow[]): Promise<void> {
      const sampledAt = clock();
      try {
        await insertRunSamples(
          db,
          rows.map((row) => ({ runId: row.id, prompt: row.prompt, version: row.version!, sampledAt })),
        );
      } catch (error) {
        options.warn(
          `${rows.length} sampled run(s) were not queued for continuous evaluation: ${messageOf(error)}`,
        );
        return;
      }
      options.onQueued?.();
    },
  };
}

/** Every string in the variables redacted, at any depth; other values as they are. */
function redactValue(value: unknown, redactText: (text: string) => string): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redactText));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactValue(item, redactText)]),
    );
  }
  return value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
