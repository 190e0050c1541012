import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerChat, type ScriptState, sendProviderError } from './answer-chat.ts';
import { compileRule } from './compile-script.ts';
import { ROUTES, readBody, underTestRunner } from './http-routes.ts';
import { modelsBody, scriptedModelNames } from './models-body.ts';
import { openaiEmbeddingsBody } from './openai-embeddings.ts';
import { PROTOCOLS } from './protocols.ts';
import { RequestLog, recordRequest } from './request-log.ts';
import type { RecordedRequest, ScriptedFaults, ScriptedReply, ScriptRule } from './script-types.ts';
import { type Exchange, sendJson } from './send-reply.ts';

export interface ScriptedModelServerOptions {
  rules?: ScriptRule[];
  /** The reply when no rule matches. Default: a 404 in the provider's error shape saying so. */
  defaultReply?: ScriptedReply;
  /** Faults for every chat request; a rule's own faults override them field by field. */
  faults?: ScriptedFaults;
  /** When set, requests without this key (`Authorization: Bearer` / `x-api-key`) get a 401. */
  requireApiKey?: string;
  /**
   * Say on stderr that replies are scripted (`true`), or hand the line to a function. Default: on,
   * except under a test runner (Vitest, Jest, node:test, NODE_ENV=test).
   */
  announce?: boolean | ((message: string) => void);
  /** Default `127.0.0.1` and `0` (a free port). */
  host?: string;
  port?: number;
  /** What `GET /v1/models` lists. Default: the model names the rules match exactly. */
  models?: string[];
  /** The request log keeps the latest this many (default 10,000; 0 keeps none). */
  maxLoggedRequests?: number;
}

export interface ScriptedModelServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `${url}/v1`: the base URL OpenAI clients take. */
  openaiBaseUrl: string;
  /** `url`: Anthropic clients add `/v1/messages` themselves. */
  anthropicBaseUrl: string;
  setRules(rules: ScriptRule[]): void;
  addRule(rule: ScriptRule): void;
  setFaults(faults: ScriptedFaults): void;
  /** The requests received so far, oldest first. */
  requests(): RecordedRequest[];
  /** Clears the request log and rewinds every rule's `times`. */
  reset(): void;
  /** Stops listening and ends every open request, hanging ones included. */
  close(): Promise<void>;
}

/**
 * Starts a real HTTP server that speaks the OpenAI chat-completions and Anthropic messages APIs and
 * answers from a script, with faults on demand: the stand-in for paid model APIs in tests, CI and
 * the offline demo.
 *
 * @example
 * const server = await startScriptedModelServer({
 *   rules: [
 *     { match: { lastUserMessage: 'refund' }, reply: { json: { intent: 'refund' } } },
 *     { reply: 'busy', faults: { status: 429, retryAfterSeconds: 2 }, times: 1 },
 *     { reply: 'Hello!' },
 *   ],
 * });
 * const openai = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'sk-test' });
 * await server.close();
 */
export async function startScriptedModelServer(
  options: ScriptedModelServerOptions = {},
): Promise<ScriptedModelServer> {
  let ruleList = options.rules ?? [];
  let replyCounter = 0;
  let requestCounter = 0;
  const state: ScriptState = {
    rules: ruleList.map(compileRule),
    defaultRule:
      options.defaultReply === undefined ? undefined : compileRule({ reply: options.defaultReply }, -1),
    faults: options.faults ?? {},
    nextId: () => ++replyCounter,
  };
  const log = new RequestLog(options.maxLoggedRequests ?? 10_000);
  const inFlight = new Set<AbortController>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const controller = new AbortController();
    inFlight.add(controller);
    response.once('close', () => {
      inFlight.delete(controller);
      controller.abort();
    });
    const path = (request.url ?? '/').split('?', 1)[0]!;
    const route = ROUTES[`${request.method} ${path}`];
    const anthropicCaller = route === 'messages' || request.headers['anthropic-version'] !== undefined;
    const adapter = PROTOCOLS[anthropicCaller ? 'anthropic' : 'openai'];
    const exchange: Exchange = {
      response,
      signal: controller.signal,
      headers: { [adapter.requestIdHeader]: `req_scripted_${++requestCounter}` },
    };
    const body = await readBody(request);
    const entry = recordRequest(request.method ?? 'GET', path, request.headers, body);
    log.add(entry);
    if (route === undefined) {
      return sendProviderError(exchange, adapter, 404, `no route ${request.method} ${path}`);
    }
    if (options.requireApiKey !== undefined && !adapter.hasApiKey(request.headers, options.requireApiKey)) {
      const message = anthropicCaller ? 'invalid x-api-key' : 'Incorrect API key provided';
      return sendProviderError(exchange, adapter, 401, message);
    }
    if (route === 'models') {
      const names = options.models ?? scriptedModelNames(ruleList);
      return sendJson(exchange, 200, modelsBody(adapter.protocol, names));
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return sendProviderError(exchange, adapter, 400, 'the body must be a JSON object');
    }
    if (route === 'embeddings') {
      const result = openaiEmbeddingsBody(body as Record<string, unknown>);
      if ('error' in result) return sendProviderError(exchange, adapter, 400, result.error);
      return sendJson(exchange, 200, result.json);
    }
    const parsed = adapter.parseRequest(body as Record<string, unknown>);
    if (typeof parsed === 'string') return sendProviderError(exchange, adapter, 400, parsed);
    await answerChat(exchange, adapter, parsed, state, entry);
  }

  const server = createServer({ keepAlive: true }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A bug here or a reply function that threw: say so in the response, which tests will see.
      if (response.headersSent) return void response.destroy();
      const message = `scripted model server: ${error instanceof Error ? error.message : String(error)}`;
      response
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message } }));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const announce = options.announce ?? !underTestRunner(process.env);
  if (announce !== false) {
    const line = `promptops: using the scripted model server at ${url} — replies are scripted, no real model is called`;
    if (announce === true) process.stderr.write(`${line}\n`);
    else announce(line);
  }

  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    anthropicBaseUrl: url,
    setRules(rules) {
      ruleList = rules;
      state.rules = rules.map(compileRule);
    },
    addRule(rule) {
      ruleList = [...ruleList, rule];
      state.rules.push(compileRule(rule, state.rules.length));
    },
    setFaults(faults) {
      state.faults = faults;
    },
    requests: () => log.list(),
    reset() {
      log.clear();
      for (const rule of state.rules) rule.used = 0;
      if (state.defaultRule) state.defaultRule.used = 0;
    },
    close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const controller of inFlight) controller.abort();
      server.closeAllConnections();
      return closed;
    },
  };
}
