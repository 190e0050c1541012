/** An answer in the API's error envelope `{ error: { code, message, details } }` (docs/server.md). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type Listener = () => void;
const signedOutListeners = new Set<Listener>();

/** Called when any call answers 401: the session ended (expired, signed out elsewhere, disabled). */
export function onSignedOut(listener: Listener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * One call to the promptops REST API with the session cookie. JSON in, JSON out; an error envelope
 * becomes an ApiError carrying its code, so pages can say what the server said.
 * @example await api<Session>('/api/session')
 */
export async function api<Result>(path: string, options: CallOptions = {}): Promise<Result> {
  const response = await fetch(path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    credentials: 'same-origin',
    // Catalog reads carry an ETag of the version's content, but their answers also hold deployments
    // that move: a revalidated cached copy would show an environment as it was.
    cache: 'no-store',
    headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    ...(options.signal && { signal: options.signal }),
  });
  if (response.status === 204) return undefined as Result;
  const text = await response.text();
  const data = text === '' ? undefined : safeJson(text);
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })
      ?.error;
    if (response.status === 401 && path !== '/api/session')
      for (const listener of signedOutListeners) listener();
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `${response.status} ${response.statusText}`,
      error?.details ?? {},
    );
  }
  return data as Result;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: { code: 'bad_response', message: text.slice(0, 200) } };
  }
}

/** `support/classify-intent` as a path segment sequence (names have slashes; each part is encoded). */
export function namePath(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/');
}

/** A query string from the defined, non-empty values. */
export function query(values: Record<string, string | number | undefined | null>): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') parameters.set(key, String(value));
  }
  const text = parameters.toString();
  return text === '' ? '' : `?${text}`;
}
