import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { PromptopsError } from '../errors/index.ts';
import { authenticateRequest } from './authenticate-request.ts';
import { sendError } from './error-envelope.ts';
import type { GatewayOptions } from './gateway/gateway-options.ts';
import { gatewayRoutes } from './gateway/gateway-routes.ts';
import { registerOpenApi, registerOpenApiDocs } from './openapi.ts';
import { alertRoutes } from './routes/alert-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { budgetRoutes } from './routes/budget-routes.ts';
import { catalogRoutes } from './routes/catalog-routes.ts';
import { catalogWriteRoutes } from './routes/catalog-write-routes.ts';
import { changeRoutes } from './routes/change-routes.ts';
import { compressRoutes } from './routes/compress-routes.ts';
import { deploymentRoutes } from './routes/deployment-routes.ts';
import { diffRoutes } from './routes/diff-routes.ts';
import { draftRoutes } from './routes/draft-routes.ts';
import { driftRoutes } from './routes/drift-routes.ts';
import { evalCaseRoutes } from './routes/eval-case-routes.ts';
import { evalHistoryRoutes } from './routes/eval-history-routes.ts';
import { evalRoutes } from './routes/eval-routes.ts';
import { exampleProposalRoutes } from './routes/example-proposal-routes.ts';
import { experimentRoutes } from './routes/experiment-routes.ts';
import { feedbackRoutes } from './routes/feedback-routes.ts';
import { fileRoutes } from './routes/file-routes.ts';
import { freezeRoutes } from './routes/freeze-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { metricsRoutes } from './routes/metrics-routes.ts';
import { permissionRoutes } from './routes/permission-routes.ts';
import { runRecordRoutes } from './routes/run-record-routes.ts';
import { runRoutes } from './routes/run-routes.ts';
import { runStatsRoutes } from './routes/run-stats-routes.ts';
import { sampleRoutes } from './routes/sample-routes.ts';
import { sandboxRoutes } from './routes/sandbox-routes.ts';
import { sessionRoutes } from './routes/session-routes.ts';
import { streamRoutes } from './routes/stream-routes.ts';
import { suiteRunRoutes } from './routes/suite-run-routes.ts';
import { tokenRoutes } from './routes/token-routes.ts';
import { userRoutes } from './routes/user-routes.ts';
import { webhookRoutes } from './routes/webhook-routes.ts';
import type { ServerDeps } from './server-deps.ts';
import { createTokenCache } from './token-cache.ts';
import { traceRequests } from './trace-requests.ts';
import { registerWebAssets } from './web-assets.ts';

export interface CreateServerOptions extends ServerDeps {
  /** Where JSON log lines go (pino); none when absent. */
  log?: { write(line: string): void; level?: 'debug' | 'info' | 'warn' | 'error' };
  /** Largest request body accepted, in bytes; default 1 MiB. */
  bodyLimit?: number;
  /** The OpenAI-compatible gateway under /v1 (keep-alive interval). */
  gateway?: Partial<GatewayOptions>;
  /** The built web UI's folder (packages/web/dist by default); false serves no UI. */
  webRoot?: string | false;
}

export interface PromptopsServer {
  app: FastifyInstance;
  /** Refuses new work (readiness turns 503), waits for requests in flight, then closes the listener. */
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** Routes that change users, tokens or roles: the token cache forgets what it checked. */
const IDENTITY_ROUTES = /^\/api\/(users|tokens)(\/|\?|$)/;

/**
 * The promptops HTTP server (DESIGN.md section 7): REST under /api (OpenAPI at /api/openapi.json,
 * docs at /api/docs), health at /healthz and /readyz.
 * Every route but the public ones authenticates the caller (API token or session cookie) before it
 * runs, and checks the caller's role for what it does. Errors use one envelope and the error-code
 * table's statuses. Logs are JSON with request ids; headers, bodies and prompts are never logged.
 */
export async function createServer(options: CreateServerOptions): Promise<PromptopsServer> {
  const state = { draining: false };
  const app = Fastify({
    logger: options.log
      ? {
          level: options.log.level ?? 'info',
          stream: options.log,
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        }
      : false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  await app.register(fastifyCookie);
  // Before any route: the OpenAPI document is collected from routes as they are added.
  await registerOpenApi(app);
  // First hook: a request refused by authentication is traced too.
  traceRequests(app);
  const tokens = await createTokenCache(options.handle);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.routeOptions.config?.public === true) return;
    if (request.routeOptions.url === undefined) return; // unknown route: the not-found handler answers
    await authenticateRequest(options, request, tokens);
  });
  app.addHook('onSend', async (request, reply) => {
    // While draining, answers close their connection: a keep-alive socket would hold close() open.
    if (state.draining) reply.header('connection', 'close');
    // An identity change answered here is in force for the next request, notification or not.
    if (request.method !== 'GET' && IDENTITY_ROUTES.test(request.url) && reply.statusCode < 400)
      tokens.clear();
  });
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  const webAssets = options.webRoot === false ? undefined : await registerWebAssets(app, options.webRoot);
  app.setNotFoundHandler((request, reply) => {
    if (webAssets?.serveAppShell(request, reply)) return;
    sendError(
      new PromptopsError('route_not_found', `no route ${request.method} ${request.url.split('?')[0]}`, {}),
      request,
      reply,
    );
  });

  healthRoutes(app, options, state);
  metricsRoutes(app, options);
  alertRoutes(app, options);
  driftRoutes(app, options);
  sessionRoutes(app, options);
  permissionRoutes(app, options);
  catalogRoutes(app, options);
  runRoutes(app, options);
  streamRoutes(app, options);
  runStatsRoutes(app, options);
  runRecordRoutes(app, options);
  sandboxRoutes(app, options);
  sampleRoutes(app, options);
  changeRoutes(app, options);
  deploymentRoutes(app, options);
  evalRoutes(app, options);
  evalCaseRoutes(app, options);
  suiteRunRoutes(app, options);
  exampleProposalRoutes(app, options);
  feedbackRoutes(app, options);
  experimentRoutes(app, options);
  evalHistoryRoutes(app, options);
  budgetRoutes(app, options);
  auditRoutes(app, options);
  userRoutes(app, options);
  tokenRoutes(app, options);
  fileRoutes(app, options);
  catalogWriteRoutes(app, options);
  diffRoutes(app, options);
  draftRoutes(app, options);
  compressRoutes(app, options);
  freezeRoutes(app, options);
  webhookRoutes(app, options);
  await gatewayRoutes(app, options, options.gateway);
  await registerOpenApiDocs(app);
  await app.ready();
  return {
    app,
    async close() {
      state.draining = true;
      await app.close();
      await tokens.close();
    },
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without authentication (health, readiness, login). */
    public?: boolean;
  }
}
