import { createHmac } from 'node:crypto';
import { canonicalJson } from '../../catalog/content/canonical-json.ts';
import { type Database, insertRunRecords, type RunRecordRow } from '../../store/index.ts';

export interface RunRecorderOptions {
  db: Database;
  /** Key of the input fingerprint HMAC; the same key on every replica makes fingerprints comparable. */
  fingerprintKey: string;
  /** Flush when this many records wait, or after `intervalMs`. */
  batchSize?: number;
  intervalMs?: number;
  onError?: (error: unknown, lost: number) => void;
}

/**
 * Run records written in batches off the request path (DESIGN.md stage 10): `record` only queues;
 * one multi-row insert per batch; `close` flushes what is left, so a graceful shutdown loses nothing.
 */
export function createRunRecorder(options: RunRecorderOptions) {
  const batchSize = options.batchSize ?? 200;
  const queue: RunRecordRow[] = [];
  let flushing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => void flush(), options.intervalMs ?? 500);
  timer.unref();

  function flush(): Promise<void> {
    flushing = flushing.then(async () => {
      while (queue.length > 0) {
        const batch = queue.splice(0, batchSize);
        try {
          await insertRunRecords(options.db, batch);
        } catch (error) {
          options.onError?.(error, batch.length);
        }
      }
    });
    return flushing;
  }

  return {
    record(row: RunRecordRow): void {
      queue.push(row);
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
