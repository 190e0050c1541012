import { type CallSignal, callSignal } from './call-signal.ts';
import { PromptopsClientError } from './client-error.ts';
import type { ClientErrorCode } from './error-codes.ts';

export type FetchFunction = typeof globalThis.fetch;

export interface TransportOptions {
  baseUrl: string;
  token: string | undefined;
  fetch: FetchFunction;
  timeoutMs: number;
}

export interface CallInit {
  method: 'GET' | 'POST';
  /** Starts with `/`, already encoded. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  requestId?: string | undefined;
}

export interface JsonAnswer<T> {
  status: number;
  headers: Headers;
  /** Undefined for 304 and empty answers. */
  body: T | undefined;
}

export interface OpenAnswer {
  response: Response;
  /** The call's signal, still live: the reader extends it per chunk and disposes it at the end. */
  call: CallSignal;
}

export type Transport = ReturnType<typeof createTransport>;

/**
 * HTTP to the server: the bearer token, JSON bodies, the timeout and the caller's signal, and every
 * failure as a PromptopsClientError. The token goes into the authorization header and nowhere else:
 * not into errors, messages or anything the client keeps on an object.
 */
export function createTransport(options: TransportOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');

  async function open(init: CallInit): Promise<OpenAnswer> {
    const call = callSignal(init.signal, init.timeoutMs ?? options.timeoutMs);
    let response: Response;
    try {
      response = await options.fetch(`${base}${init.path}`, {
        method: init.method,
        headers: {
          accept: 'application/json',
          ...(options.token !== undefined && { authorization: `Bearer ${options.token}` }),
          ...(init.body !== undefined && { 'content-type': 'application/json' }),
          ...(init.requestId !== undefined && { 'x-request-id': init.requestId }),
          ...init.headers,
        },
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
        signal: call.signal,
      });
    } catch (error) {
      call.dispose();
      throw call.errorOf(error);
    }
    if (response.ok || response.status === 304) return { response, call };
    throw errorOf(response, await readText(response, call));
  }

  async function json<T>(init: CallInit): Promise<JsonAnswer<T>> {
    const { response, call } = await open(init);
    const text = await readText(response, call);
    if (text === '') return { status: response.status, headers: response.headers, body: undefined };
    try {
      return { status: response.status, headers: response.headers, body: JSON.parse(text) as T };
    } catch {
      throw unexpected(response, 'an answer that is not JSON');
    }
  }

  return { open, json };
}

/** The whole body; the call ends with it. */
async function readText(response: Response, call: CallSignal): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw call.errorOf(error);
  } finally {
    call.dispose();
  }
}

/** The error envelope `{ error: { code, message, details, requestId } }`, or `unexpected_response`. */
function errorOf(response: Response, text: string): PromptopsClientError {
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    return unexpected(response, `HTTP ${response.status} without the API's error envelope`);
  }
  const error = (envelope as { error?: Record<string, unknown> } | null)?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') {
    return unexpected(response, `HTTP ${response.status} without the API's error envelope`);
  }
  const details = typeof error.details === 'object' && error.details !== null ? error.details : {};
  return new PromptopsClientError(error.code as ClientErrorCode, error.message, {
    status: response.status,
    details: details as Record<string, unknown>,
    requestId: typeof error.requestId === 'string' ? error.requestId : response.headers.get('x-request-id'),
  });
}

function unexpected(response: Response, what: string): PromptopsClientError {
  return new PromptopsClientError('unexpected_response', `the server sent ${what}`, {
    status: response.status,
    requestId: response.headers.get('x-request-id'),
  });
}
