import { isServerUnavailable, PromptopsClientError } from './client-error.ts';
import type { PromptBody, PromptResult, PromptSource } from './prompt-types.ts';
import type { CallOptions, VersionTarget } from './run-options.ts';
import type { SnapshotEntry, SnapshotFile } from './snapshot-file.ts';
import type { Transport } from './transport.ts';

export type GetPromptOptions = VersionTarget & CallOptions;

export interface PromptCacheOptions {
  transport: Transport;
  ttlMs: number;
  /** How long past the TTL a cached version is served while one background refresh runs. */
  staleWhileRevalidateMs: number;
  /** After a failed refresh, how long the last-known-good version is served without asking again. */
  failureBackoffMs: number;
  snapshot: SnapshotFile | undefined;
  now: () => number;
  onError: (error: Error) => void;
}

interface CacheEntry extends SnapshotEntry {
  origin: 'server' | 'snapshot';
  /** The last refresh failed because the server was down or failing. */
  failure?: { at: number; error: PromptopsClientError };
}

/** Answers the server gave about the prompt itself: it is no longer there for this caller. */
const GONE = new Set([
  'prompt_not_found',
  'version_not_found',
  'environment_not_found',
  'forbidden',
  'unauthenticated',
]);

/**
 * `getPrompt`'s cache, per (name, environment | version | latest):
 * - within `ttlMs` a version is served from memory; a pinned version (`{ version }`) never expires;
 * - for `staleWhileRevalidateMs` after that it is still served at once, marked stale, while one
 *   background refresh runs (concurrent callers share it: one request per key at a time);
 * - later, the caller waits for the refresh (again shared);
 * - a refresh sends the ETag it holds, so an unchanged version costs a 304;
 * - when the server is unreachable, times out or answers 5xx, the last version it gave is served
 *   (`last-known-good`), or on a cold start the snapshot file's (`snapshot`); for `failureBackoffMs`
 *   after such a failure the server is not asked again, so a hanging server does not make every
 *   call wait for the timeout;
 * - a 4xx is the server's answer and is thrown; a prompt that is gone or forbidden leaves the cache.
 */
export function createPromptCache(options: PromptCacheOptions) {
  const { transport, ttlMs, staleWhileRevalidateMs, failureBackoffMs, snapshot, now, onError } = options;
  const entries = new Map<string, CacheEntry>();
  const refreshes = new Map<string, Promise<CacheEntry>>();

  function refresh(
    key: string,
    name: string,
    target: VersionTarget,
    timeoutMs?: number,
  ): Promise<CacheEntry> {
    const running = refreshes.get(key);
    if (running) return running;
    const previous = entries.get(key);
    const promise = (async () => {
      const answer = await transport.json<PromptBody>({
        method: 'GET',
        path: promptPath(name, target),
        headers: previous?.etag ? { 'if-none-match': previous.etag } : {},
        timeoutMs,
      });
      let entry: CacheEntry;
      if (answer.status === 304 && previous) {
        entry = { body: previous.body, etag: previous.etag, fetchedAt: now(), origin: 'server' };
      } else if (answer.body?.version && answer.body.artifact) {
        entry = { body: answer.body, etag: answer.headers.get('etag'), fetchedAt: now(), origin: 'server' };
      } else {
        throw new PromptopsClientError('unexpected_response', `the server sent no prompt for ${name}`, {
          status: answer.status,
        });
      }
      entries.set(key, entry);
      snapshot?.save(key, { body: entry.body, etag: entry.etag, fetchedAt: entry.fetchedAt });
      return entry;
    })()
      .catch(async (error: unknown) => {
        if (!PromptopsClientError.isInstance(error)) throw error;
        if (isServerUnavailable(error)) {
          const fallback = entries.get(key) ?? (await fromSnapshot(key));
          if (fallback) entries.set(key, { ...fallback, failure: { at: now(), error } });
        } else if (GONE.has(error.code)) {
          entries.delete(key);
          snapshot?.remove(key);
        }
        throw error;
      })
      .finally(() => refreshes.delete(key));
    refreshes.set(key, promise);
    return promise;
  }

  async function fromSnapshot(key: string): Promise<CacheEntry | undefined> {
    const entry = await snapshot?.entry(key);
    return entry && { ...entry, origin: 'snapshot' };
  }

  async function get(name: string, target: GetPromptOptions): Promise<PromptResult> {
    const key = cacheKey(name, target);
    const cached = entries.get(key);
    const time = now();
    if (cached) {
      const age = time - cached.fetchedAt;
      // A version the server has not confirmed (from the snapshot, or after a failure) is never fresh.
      const confirmed = !cached.failure;
      if (confirmed && (target.version !== undefined || age < ttlMs)) return served(cached, 'cache', false);
      if (cached.failure && time - cached.failure.at < failureBackoffMs) return fallback(cached);
      if (age < ttlMs + staleWhileRevalidateMs) {
        refresh(key, name, target).catch((error: Error) => onError(error));
        return cached.failure ? fallback(cached) : served(cached, 'cache', true);
      }
    }
    try {
      return served(
        await abortable(refresh(key, name, target, target.timeoutMs), target.signal),
        'server',
        false,
      );
    } catch (error) {
      if (!PromptopsClientError.isInstance(error) || !isServerUnavailable(error)) throw error;
      const last = entries.get(key);
      if (last?.failure) return fallback(last);
      throw error;
    }
  }

  return {
    get,
    /** Resolves when background refreshes and snapshot writes started so far have finished. */
    async flush(): Promise<void> {
      while (refreshes.size > 0) await Promise.allSettled([...refreshes.values()]);
      await snapshot?.flush();
    },
  };
}

function served(entry: CacheEntry, source: PromptSource, stale: boolean): PromptResult {
  return {
    prompt: entry.body.version,
    artifact: entry.body.artifact,
    source,
    stale,
    fetchedAt: new Date(entry.fetchedAt),
  };
}

function fallback(entry: CacheEntry): PromptResult {
  return {
    ...served(entry, entry.origin === 'snapshot' ? 'snapshot' : 'last-known-good', true),
    ...(entry.failure && { error: entry.failure.error }),
  };
}

/** Waits for a shared refresh, but lets this caller's signal stop waiting without stopping it. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  const aborted = () =>
    new PromptopsClientError('aborted', 'the call was aborted by its signal', { cause: signal.reason });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function cacheKey(name: string, target: VersionTarget): string {
  if (target.version !== undefined) return `${name}#${target.version}`;
  if (target.environment !== undefined) return `${name}@${target.environment}`;
  return name;
}

function promptPath(name: string, target: VersionTarget): string {
  const path = `/api/artifacts/prompt/${name.split('/').map(encodeURIComponent).join('/')}`;
  if (target.version !== undefined) return `${path}?version=${target.version}`;
  if (target.environment !== undefined)
    return `${path}?environment=${encodeURIComponent(target.environment)}`;
  return path;
}
