import {
  type CallIdentity,
  callFailure,
  failureFromStatus,
  providerErrorMessage,
  truncate,
} from './call-failure.ts';
import { createHttpClient, type HttpResponse } from './http-client.ts';
import type {
  EmbeddingRequest,
  EmbeddingResponse,
  ModelProvider,
  ModelRequest,
  ModelResponse,
  ModelStreamPart,
} from './provider.ts';
import { ProviderFailure } from './provider-failure.ts';
import { parseServerSentEvents, type ServerSentEvent } from './sse-parser.ts';
import { transportFailure } from './transport-failure.ts';

/** Options shared by the two HTTP adapters. */
export interface HttpProviderOptions {
  /** The provider's name in promptops.yaml (`openai`, `local-vllm`): used in every failure message. */
  name: string;
  /** The protocol's public endpoint when absent. */
  baseUrl?: string;
  /** The API key, or a function that reads it when the call is made. No key, no auth header. */
  apiKey?: string | (() => string | undefined);
  /** Extra headers, or a function that builds them when the call is made. */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** Wait for the response headers, then between body chunks (undici headersTimeout/bodyTimeout). */
  timeoutMs?: number;
  /** Connections kept to the provider. */
  poolSize?: number;
}

/** What differs between the OpenAI chat-completions and Anthropic messages wire protocols. */
export interface HttpProtocol {
  protocol: 'openai' | 'anthropic';
  defaultBaseUrl: string;
  path: string;
  authHeaders(apiKey: string | undefined): Record<string, string>;
  body(request: ModelRequest, stream: boolean): unknown;
  /** Maps a parsed JSON answer; throws a `bad-response` ProviderFailure when it is not one. */
  readResponse(json: unknown, call: CallIdentity): ModelResponse;
  /** Maps the event stream; throws `stream-cut` when it ends without the protocol's final event. */
  readStream(events: AsyncIterable<ServerSentEvent>, call: CallIdentity): AsyncGenerator<ModelStreamPart>;
  /** The embeddings endpoint, for protocols that have one. */
  embeddings?: {
    path: string;
    body(request: EmbeddingRequest): unknown;
    readResponse(json: unknown, call: CallIdentity): EmbeddingResponse;
  };
}

/** A ModelProvider over one undici pool, speaking the given protocol. */
export function createHttpModelProvider(protocol: HttpProtocol, options: HttpProviderOptions): ModelProvider {
  const client = createHttpClient({
    baseUrl: options.baseUrl ?? protocol.defaultBaseUrl,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
  });

  async function send(request: ModelRequest, stream: boolean, path = protocol.path, payload?: unknown) {
    const apiKey = typeof options.apiKey === 'function' ? options.apiKey() : options.apiKey;
    const call: CallIdentity = {
      provider: options.name,
      model: request.model,
      ...(apiKey ? { apiKey } : {}),
    };
    const extraHeaders = typeof options.headers === 'function' ? options.headers() : options.headers;
    const headers = {
      'content-type': 'application/json',
      accept: stream ? 'text/event-stream' : 'application/json',
      ...extraHeaders,
      ...protocol.authHeaders(apiKey),
    };
    const body = JSON.stringify(payload ?? protocol.body(request, stream));
    let response: Awaited<ReturnType<typeof client.post>>;
    try {
      response = await client.post(path, headers, body, request.signal);
    } catch (error) {
      throw transportFailure(call, error, request.signal, 'request');
    }
    if (response.statusCode < 200 || response.statusCode > 299) {
      const text = await response.body.text().catch(() => '');
      throw failureFromStatus(call, response.statusCode, response.headers, text);
    }
    return { call, response };
  }

  return {
    name: options.name,
    protocol: protocol.protocol,

    async generate(request) {
      const { call, response } = await send(request, false);
      return protocol.readResponse(await readJson(call, response, request.signal), call);
    },

    async *stream(request) {
      const { call, response } = await send(request, true);
      // A server that ignores `stream: true` (or a proxy's JSON error page) answers with one JSON body.
      if (String(response.headers['content-type'] ?? '').includes('application/json')) {
        const text = await readText(call, response, request.signal);
        throw callFailure(
          call,
          'bad-response',
          `expected an event stream, got JSON: ${providerErrorMessage(text)}`,
        );
      }
      let finished = false;
      try {
        // Returning after the final event must not destroy the body: that would close the socket.
        const chunks = response.body.iterator({ destroyOnReturn: false });
        for await (const part of protocol.readStream(parseServerSentEvents(chunks), call)) {
          if (part.type === 'finish') finished = true;
          yield part;
        }
      } catch (error) {
        if (ProviderFailure.isFailure(error)) throw error;
        throw transportFailure(call, error, request.signal, 'stream');
      } finally {
        // A complete answer: read what is left (the closing chunk) so the connection goes back to the
        // pool before the next call wants one. A failed or abandoned one: close the connection.
        if (finished) await drain(response.body);
        else if (!response.body.destroyed) response.body.on('error', ignore).destroy();
      }
    },

    ...(protocol.embeddings
      ? {
          async embed(request: EmbeddingRequest): Promise<EmbeddingResponse> {
            const endpoint = protocol.embeddings!;
            const { call, response } = await send(
              { model: request.model, messages: [], signal: request.signal },
              false,
              endpoint.path,
              endpoint.body(request),
            );
            return endpoint.readResponse(await readJson(call, response, request.signal), call);
          },
        }
      : {}),

    close: () => client.close(),
  };
}

/** The body as JSON; anything else is a `bad-response` quoting the start of what came. */
async function readJson(
  call: CallIdentity,
  response: HttpResponse,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const text = await readText(call, response, signal);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw callFailure(call, 'bad-response', `the response is not JSON: ${truncate(text, 200)}`, {
      cause: error,
    });
  }
}

async function readText(call: CallIdentity, response: HttpResponse, signal: AbortSignal | undefined) {
  try {
    return await response.body.text();
  } catch (error) {
    throw transportFailure(call, error, signal, 'request');
  }
}

/** How long a finished stream waits for the end of its body; a server that lingers longer loses the socket. */
const DRAIN_WAIT_MS = 1_000;

async function drain(body: HttpResponse['body']): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, DRAIN_WAIT_MS);
  });
  await Promise.race([body.dump({ limit: Number.MAX_SAFE_INTEGER }).catch(ignore), gaveUp]);
  clearTimeout(timer);
}

// undici reports a destroyed body as an 'error' event; nobody is reading it any more.
function ignore(): void {}
