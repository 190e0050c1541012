import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import packageJson from '../../package.json' with { type: 'json' };
import { SESSION_COOKIE } from './authenticate-request.ts';

export const DOCS_PREFIX = '/api/docs';

/** The one error body, as the OpenAPI document describes it (error-envelope.ts builds it). */
const ERROR_ENVELOPE = {
  $id: 'ErrorEnvelope',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details', 'requestId'],
      properties: {
        code: { type: 'string', description: 'a stable code from the error table (docs/cli.md)' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
        requestId: { type: 'string' },
      },
    },
  },
} as const;

/**
 * The OpenAPI document, generated from the routes' own JSON schemas (@fastify/swagger collects them
 * as routes are added, so it is registered before any route), served at `/api/openapi.json`, and a
 * docs page at `/api/docs` (@fastify/swagger-ui: its assets come from the npm package, nothing is
 * fetched from elsewhere). Both are public: they describe the API and hold no data.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addSchema(ERROR_ENVELOPE);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(DOCS_PREFIX)) route.config = { ...route.config, public: true };
    if (route.url.startsWith('/api/')) describeErrors(route);
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'promptops REST API',
        version: packageJson.version,
        description:
          'Errors use one envelope and the status of their code (docs/cli.md, error table). ' +
          'Send an API token as `Authorization: Bearer po_…`, or sign in at POST /api/session.',
      },
      components: {
        securitySchemes: {
          apiToken: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ apiToken: [] }, { session: [] }],
    },
    refResolver: {
      // Shared schemas are named by their $id (ErrorEnvelope), not def-0.
      buildLocalReference: (json, _baseUri, _fragment, index) =>
        typeof json.$id === 'string' ? json.$id : `def-${index}`,
    },
    transform: ({ schema, url, route }) => {
      const named = nameWildcard(url, schema);
      // Public routes need no credentials; everything else takes a token or the session cookie.
      return route.config?.public === true
        ? { url: named.url, schema: { ...named.schema, security: [] } }
        : named;
    },
  });
}

/**
 * `/api/artifacts/:kind/*` takes a name with slashes as the rest of the path; the document calls
 * that parameter `name` rather than `*`.
 */
function nameWildcard(url: string, schema: FastifySchema): { url: string; schema: FastifySchema } {
  if (!url.endsWith('/*')) return { url, schema };
  const params = schema?.params as { properties?: Record<string, unknown>; required?: string[] } | undefined;
  const { '*': wildcard, ...others } = params?.properties ?? {};
  // A route without a params schema: the other path parameters are plain strings.
  for (const [, key] of url.matchAll(/:([A-Za-z]+)/g)) others[key!] ??= { type: 'string' };
  const name = {
    ...(typeof wildcard === 'object' && wildcard),
    type: 'string',
    description: 'the artifact name, slashes included (support/classify-intent)',
  };
  return {
    url: `${url.slice(0, -1)}:name`,
    schema: {
      ...schema,
      params: {
        type: 'object',
        ...params,
        properties: { ...others, name },
        required: Object.keys({ ...others, name }),
      },
    },
  };
}

/** `/api/openapi.json` and the docs page; after the routes, so the document lists them all. */
export async function registerOpenApiDocs(app: FastifyInstance): Promise<void> {
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(fastifySwaggerUi, {
    routePrefix: DOCS_PREFIX,
    staticCSP: true,
    uiConfig: { deepLinking: true },
  });
}

/** Every /api route documents the error envelope for 4xx and 5xx answers. */
function describeErrors(route: RouteOptions): void {
  if (route.schema && 'hide' in route.schema && route.schema.hide) return;
  route.schema ??= {};
  const schema = route.schema;
  const response = (schema.response ?? {}) as Record<string, unknown>;
  schema.response = {
    ...response,
    '4xx': { $ref: 'ErrorEnvelope#' },
    '5xx': { $ref: 'ErrorEnvelope#' },
  };
}
