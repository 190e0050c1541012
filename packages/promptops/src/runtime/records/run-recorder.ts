import { createHmac } from 'node:crypto';
import { canonicalJson } from '../../catalog/content/canonical-json.ts';
import {
  type Database,
  insertRetrievedPassages,
  insertRunRecords,
  insertToolCalls,
  type RetrievedPassageRow,
  type RunRecordRow,
  type ToolCallRow,
} from '../../store/index.ts';

export interface RunRecorderOptions {
  db: Database;
  /** Key of the input fingerprint HMAC; the same key on every replica makes fingerprints comparable. */
  fingerprintKey: string;
  /** Flush when this many records wait, or after `intervalMs`. */
  batchSize?: number;
  intervalMs?: number;
  onError?: (error: unknown, lost: number) => void;
  /** Continuous evaluation: redacts sampled runs' input and output, and queues them once recorded. */
  sampler?: RecordSampler;
}

/** A sampled run's input and output, held in memory until its record is written; never stored raw. */
export interface SampledIo {
  input: Record<string, unknown>;
  output: string;
}

/** What the recorder asks of continuous evaluation (runtime/sampling/create-run-sampler.ts). */
export interface RecordSampler {
  /**
   * Before the batch is written: puts the redacted input and output on a sampled run's record.
   * False drops the sample (the record is written all the same).
   */
  prepare(row: RunRecordRow, io: SampledIo): boolean;
  /** After: queues the sampled runs whose records were stored. Never throws: no record depends on it. */
  queue(db: Database, rows: readonly RunRecordRow[]): Promise<void>;
}

interface QueuedRecord {
  row: RunRecordRow;
  sampled?: SampledIo;
  /** The run's tool trail, written after the batch's run records (their foreign key). */
  toolCalls?: ToolCallRow[];
  /** The run's retrieval provenance, written with its tool trail. */
  passages?: RetrievedPassageRow[];
}

/**
 * Run records written in batches off the request path (DESIGN.md stage 10): `record` only queues;
 * one multi-row insert per batch; `close` flushes what is left, so a graceful shutdown loses nothing.
 * A sampled run's input and output are redacted here too, off the request path, and the run is
 * queued for continuous evaluation after its record is stored.
 */
export function createRunRecorder(options: RunRecorderOptions) {
  const batchSize = options.batchSize ?? 200;
  const { sampler } = options;
  const queue: QueuedRecord[] = [];
  let flushing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => void flush(), options.intervalMs ?? 500);
  timer.unref();

  function flush(): Promise<void> {
    flushing = flushing.then(async () => {
      while (queue.length > 0) {
        const batch = queue.splice(0, batchSize);
        const sampled = sampler
          ? batch.flatMap((entry) =>
              entry.sampled && sampler.prepare(entry.row, entry.sampled) ? [entry.row] : [],
            )
          : [];
        try {
          await insertRunRecords(
            options.db,
            batch.map((entry) => entry.row),
          );
          await insertToolCalls(
            options.db,
            batch.flatMap((entry) => entry.toolCalls ?? []),
          );
          await insertRetrievedPassages(
            options.db,
            batch.flatMap((entry) => entry.passages ?? []),
          );
        } catch (error) {
          options.onError?.(error, batch.length);
          continue;
        }
        if (sampler && sampled.length > 0) await sampler.queue(options.db, sampled);
      }
    });
    return flushing;
  }

  return {
    /**
     * Queues a record; `sampled` (the run's raw input and output) when continuous evaluation samples
     * it; `toolCalls`, the run's tool trail; `passages`, its retrieval provenance.
     */
    record(
      row: RunRecordRow,
      sampled?: SampledIo,
      toolCalls?: ToolCallRow[],
      passages?: RetrievedPassageRow[],
    ): void {
      queue.push({
        row,
        ...(sampled && { sampled }),
        ...(toolCalls && toolCalls.length > 0 && { toolCalls }),
        ...(passages && passages.length > 0 && { passages }),
      });
      if (queue.length >= batchSize) void flush();
    },
    /** A keyed HMAC of the input: lets runs be grouped by input without storing it. */
    fingerprint(input: unknown): string {
      return createHmac('sha256', options.fingerprintKey)
        .update(canonicalJson(input))
        .digest('hex')
        .slice(0, 32);
    },
    flush,
    async close(): Promise<void> {
      clearInterval(timer);
      await flush();
    },
    pending: () => queue.length,
  };
}

export type RunRecorder = ReturnType<typeof createRunRecorder>;
