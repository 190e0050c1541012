import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build:web` puts the web UI (packages/web/dist), beside this package. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Paths the web UI never answers: the API, the gateway and the metrics keep their own 404s. */
const NOT_THE_UI = /^\/(api|v1|metrics|healthz|readyz)(\/|$|\?)/;

const HOW_TO_BUILD = `<!doctype html>
<meta charset="utf-8"><title>promptops</title>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>promptops</h1>
<p>The web UI has not been built. In the promptops repository run:</p>
<pre>npm run build:web</pre>
<p>then restart <code>promptops serve</code>. The REST API is at <a href="/api/docs">/api/docs</a>.</p>
</body>`;

export interface WebAssets {
  /**
   * For the not-found handler: answers a GET of a client route (`/prompts/support/x`) with the
   * app's index.html so the browser's router shows it; false when the request is not the UI's.
   */
  serveAppShell(request: FastifyRequest, reply: FastifyReply): boolean;
}

/**
 * The web UI's built files (issue 8): `/` and the client routes get index.html, `/assets/*` the
 * hashed bundles (cached for a year: their names change with their content). All of it is public:
 * the files hold no data, and every call the app makes goes through the API's authentication.
 * Without a build, `/` says how to make one.
 */
export async function registerWebAssets(
  app: FastifyInstance,
  root: string = DEFAULT_WEB_ROOT,
): Promise<WebAssets> {
  const built = existsSync(`${root}/index.html`);
  const hidden = { hide: true };
  if (!built) {
    app.get('/', { config: { public: true }, schema: hidden }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(HOW_TO_BUILD),
    );
    return { serveAppShell: () => false };
  }
  // serve: false — only reply.sendFile; the routes below decide what is public.
  await app.register(fastifyStatic, { root, serve: false });
  const sendShell = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
  app.get('/', { config: { public: true }, schema: hidden }, async (_request, reply) => sendShell(reply));
  app.get<{ Params: { '*': string } }>(
    '/assets/*',
    { config: { public: true }, schema: hidden },
    async (request, reply) =>
      reply.sendFile(`assets/${request.params['*']}`, root, { immutable: true, maxAge: '365d' }),
  );
  for (const file of ['favicon.svg']) {
    if (!existsSync(`${root}/${file}`)) continue;
    app.get(`/${file}`, { config: { public: true }, schema: hidden }, async (_request, reply) =>
      reply.sendFile(file, root),
    );
  }
  return {
    serveAppShell(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      if (NOT_THE_UI.test(request.url)) return false;
      // A missing bundle is a 404, not the app: the browser would try to run HTML as JavaScript.
      if (request.url.startsWith('/assets/')) return false;
      void sendShell(reply);
      return true;
    },
  };
}
