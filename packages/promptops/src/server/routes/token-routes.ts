import type { FastifyInstance } from 'fastify';
import { MAX_TOKEN_DAYS } from '../../governance/identity/tokens.ts';
import type { ServerDeps } from '../server-deps.ts';
import { USERNAME } from './schema-parts.ts';

const TOKEN_NAME = { type: 'string', minLength: 1, maxLength: 63 } as const;

/** A token over the API: its name, owner, first characters and dates; never the secret or its hash. */
const TOKEN_SUMMARY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    username: { type: 'string' },
    name: { type: 'string' },
    prefix: { type: 'string', description: 'the first characters of the secret, to recognise it' },
    createdAt: { type: 'string' },
    expiresAt: { type: ['string', 'null'] },
    revokedAt: { type: ['string', 'null'] },
    lastUsedAt: { type: ['string', 'null'] },
  },
} as const;

const CREATE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: TOKEN_NAME,
    username: { ...USERNAME, description: "another user's token (admins only); your own by default" },
    expiresInDays: { type: 'integer', minimum: 1, maximum: MAX_TOKEN_DAYS, default: 90 },
  },
} as const;

const NAME_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: TOKEN_NAME },
} as const;

const OWNER_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { username: USERNAME },
} as const;

/**
 * API tokens: anyone signed in lists, creates and revokes their own; admins (token-manage) anyone's.
 * The secret is in the creation response only: it is stored hashed and cannot be shown again.
 */
export function tokenRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const tokens = deps.governance.tokens;

  app.get(
    '/api/tokens',
    {
      schema: {
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: TOKEN_SUMMARY } } } },
      },
    },
    async (request) => ({ items: await tokens.list(request.principal) }),
  );

  app.post<{ Body: { name: string; username?: string; expiresInDays: number } }>(
    '/api/tokens',
    {
      schema: {
        body: CREATE_BODY,
        response: {
          201: {
            type: 'object',
            properties: {
              token: { type: 'string', description: 'the secret: shown this once' },
              summary: TOKEN_SUMMARY,
            },
          },
        },
      },
    },
    async (request, reply) => {
      const created = await tokens.create(request.principal, request.body);
      // The secret must not sit in a shared cache or the browser's.
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(created);
    },
  );

  app.delete<{ Params: { name: string }; Querystring: { username?: string } }>(
    '/api/tokens/:name',
    { schema: { params: NAME_PARAMS, querystring: OWNER_QUERY, response: { 200: TOKEN_SUMMARY } } },
    async (request) =>
      tokens.revoke(request.principal, { name: request.params.name, username: request.query.username }),
  );
}
