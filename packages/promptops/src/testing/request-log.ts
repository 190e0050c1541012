import type { IncomingHttpHeaders } from 'node:http';
import type { RecordedRequest } from './script-types.ts';

/** Headers whose values are secrets: the log keeps only whether a key was sent. */
const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'api-key', 'cookie', 'proxy-authorization']);
const KEY_HEADERS = ['authorization', 'x-api-key', 'api-key'];

export function recordRequest(
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: unknown,
): RecordedRequest {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || SECRET_HEADERS.has(name)) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method,
    path,
    headers: kept,
    apiKeyPresent: KEY_HEADERS.some((name) => headers[name] !== undefined),
    body,
  };
}

/**
 * The requests a server received, oldest first, holding the latest `limit` so a long benchmark does
 * not grow without end. Trimming happens in batches, so each append stays O(1) amortised.
 */
export class RequestLog {
  readonly #limit: number;
  #entries: RecordedRequest[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  add(entry: RecordedRequest): void {
    if (this.#limit === 0) return;
    this.#entries.push(entry);
    if (this.#entries.length >= this.#limit * 2) this.#entries = this.#entries.slice(-this.#limit);
  }

  list(): RecordedRequest[] {
    return this.#entries.slice(-this.#limit);
  }

  clear(): void {
    this.#entries = [];
  }
}
