import { PromptopsClientError } from './client-error.ts';
import { createPromptCache, type GetPromptOptions } from './prompt-cache.ts';
import type { PromptResult } from './prompt-types.ts';
import { type RunOptions, runBody } from './run-options.ts';
import type { RunResult } from './run-result.ts';
import { createSnapshotFile } from './snapshot-file.ts';
import { type StreamEvent, streamRun } from './stream-run.ts';
import { createTransport, type FetchFunction } from './transport.ts';

export interface CacheOptions {
  /** How long a fetched prompt is served from memory without asking the server. Default 60 000. */
  ttlMs?: number;
  /**
   * Past the TTL, keep serving the cached version at once (marked `stale`) while one background
   * refresh runs: `true` (the default) for as long as it takes, a number of milliseconds past the
   * TTL, or `false` to make callers wait for the refresh.
   */
  staleWhileRevalidate?: boolean | number;
  /** After the server failed, serve the last-known-good version this long before asking again. Default 5 000. */
  failureBackoffMs?: number;
  /**
   * A JSON file the cache is written to after successful fetches (atomically), and read on a cold
   * start when the server cannot be reached. Node only.
   */
  snapshotFile?: string;
}

export interface ClientOptions {
  /** The server, e.g. `http://127.0.0.1:8080` (the REST API is under its `/api`). */
  baseUrl: string;
  /** An API token (`po_…`), sent as `Authorization: Bearer`. Never logged, never in errors. */
  token?: string;
  /** Default: the global fetch. */
  fetch?: FetchFunction;
  /** Per request: the whole answer for `run` and `getPrompt`; for `stream`, the first event and each gap. Default 60 000. */
  timeoutMs?: number;
  cache?: CacheOptions;
  /**
   * Told about failures nobody awaits: background refreshes and snapshot reads and writes. Default:
   * a process warning (`process.emitWarning`) with the message.
   */
  onError?: (error: Error) => void;
  /** The clock in epoch milliseconds (tests). Default `Date.now`. */
  now?: () => number;
}

export interface PromptopsClient {
  /**
   * Runs a governed prompt (`POST /api/runs`). Answers `ok`, `uncertain`, `escalated` and `blocked`
   * come back as results; a failed run throws PromptopsClientError with its code and run id.
   */
  run(prompt: string, options?: RunOptions): Promise<RunResult>;
  /** The run as it is generated (`POST /api/runs/stream`): `delta` events, then its `result`. */
  stream(prompt: string, options?: RunOptions): AsyncGenerator<StreamEvent, void, undefined>;
  /** A prompt version from the catalog, through the cache: see `source` and `stale` on the result. */
  getPrompt(prompt: string, options?: GetPromptOptions): Promise<PromptResult>;
  /** Waits for background refreshes and snapshot writes (before exit, and in tests). */
  flush(): Promise<void>;
}

/**
 * A client for a promptops server: runs, streams and cached prompt reads, over fetch, with no
 * dependencies.
 *
 * @example
 * const client = createClient({ baseUrl: 'http://127.0.0.1:8080', token: process.env.PROMPTOPS_TOKEN,
 *   cache: { ttlMs: 30_000, snapshotFile: '.promptops-cache.json' } });
 * const result = await client.run('support/classify-intent', {
 *   environment: 'production', key: userId, variables: { customer_message: text } });
 * for await (const event of client.stream('support/assistant', { messages })) {
 *   if (event.type === 'delta') process.stdout.write(event.text);
 * }
 */
export function createClient(options: ClientOptions): PromptopsClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const transport = createTransport({
    baseUrl,
    token: options.token,
    fetch,
    timeoutMs: options.timeoutMs ?? 60_000,
  });
  const onError = options.onError ?? warn;
  const swr = options.cache?.staleWhileRevalidate ?? true;
  const cache = createPromptCache({
    transport,
    ttlMs: options.cache?.ttlMs ?? 60_000,
    staleWhileRevalidateMs: swr === true ? Number.POSITIVE_INFINITY : swr === false ? 0 : swr,
    failureBackoffMs: options.cache?.failureBackoffMs ?? 5_000,
    snapshot:
      options.cache?.snapshotFile === undefined
        ? undefined
        : createSnapshotFile({ file: options.cache.snapshotFile, baseUrl, onError }),
    now: options.now ?? Date.now,
    onError,
  });

  return {
    async run(prompt, runOptions = {}) {
      const answer = await transport.json<RunResult>({
        method: 'POST',
        path: '/api/runs',
        body: runBody(prompt, runOptions),
        signal: runOptions.signal,
        timeoutMs: runOptions.timeoutMs,
        requestId: runOptions.requestId,
      });
      if (!answer.body) {
        throw new PromptopsClientError('unexpected_response', 'the server sent an empty run result', {
          status: answer.status,
        });
      }
      return answer.body;
    },
    stream: (prompt, runOptions = {}) => streamRun(transport, prompt, runOptions),
    getPrompt: (prompt, getOptions = {}) => cache.get(prompt, getOptions),
    flush: () => cache.flush(),
  };
}

/** Node's warning channel (printed to stderr, observable with `process.on('warning')`); silent elsewhere. */
function warn(error: Error): void {
  globalThis.process?.emitWarning?.(`@promptops/client: ${error.message}`, 'PromptopsClientWarning');
}
