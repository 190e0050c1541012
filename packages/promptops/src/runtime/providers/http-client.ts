import { type Dispatcher, Pool } from 'undici';

export interface HttpClientOptions {
  /** `https://api.openai.com/v1`; a path and a query (Azure's `?api-version=`) are kept. */
  baseUrl: string;
  /** undici's headersTimeout and bodyTimeout: the wait for the headers, then between body chunks. */
  timeoutMs?: number;
  /** Connections kept to the provider; unlimited when absent. */
  poolSize?: number;
}

export interface HttpClient {
  post(
    path: string,
    headers: Record<string, string>,
    body: string,
    signal?: AbortSignal,
  ): Promise<HttpResponse>;
  close(): Promise<void>;
}

export type HttpResponse = Dispatcher.ResponseData;

/**
 * One keep-alive connection pool per provider over undici's `request`: Node's global fetch costs about
 * four times the CPU per call (DESIGN.md section 4, step 7).
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const url = new URL(options.baseUrl);
  const prefix = url.pathname.replace(/\/+$/, '');
  const query = url.search;
  const pool = new Pool(url.origin, {
    connections: options.poolSize ?? null,
    ...(options.timeoutMs === undefined
      ? {}
      : { headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs }),
  });
  return {
    post(path, headers, body, signal) {
      return pool.request({
        method: 'POST',
        path: `${prefix}${path}${query}`,
        headers,
        body,
        signal: signal ?? null,
      });
    },
    close: () => pool.close(),
  };
}
