import type { FastifyInstance } from 'fastify';
import { ROLES } from '../../governance/access/index.ts';
import type { CreateUserInput } from '../../governance/identity/users.ts';
import type { ServerDeps } from '../server-deps.ts';
import { emptyBodyAsObject, REASON, USERNAME } from './schema-parts.ts';

const PASSWORD = { type: 'string', minLength: 1, maxLength: 1000 } as const;
const ROLE = { type: 'string', enum: [...ROLES] } as const;
const PREFIX = {
  type: 'string',
  maxLength: 200,
  description: 'the folder the role covers (support/); empty for the whole catalog',
} as const;

const USER_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['username'],
  properties: { username: USERNAME },
} as const;

const CREATE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['username'],
  properties: {
    username: USERNAME,
    displayName: { type: 'string', minLength: 1, maxLength: 200 },
    password: PASSWORD,
    grants: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['role'],
        properties: { role: ROLE, prefix: PREFIX },
      },
    },
  },
} as const;

const GRANT = {
  type: 'object',
  additionalProperties: false,
  required: ['role'],
  properties: { role: ROLE, prefix: PREFIX },
} as const;

/** What a user looks like over the API: never a password hash (`hasPassword` says whether one is set). */
const USER_SUMMARY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    username: { type: 'string' },
    displayName: { type: ['string', 'null'] },
    disabled: { type: 'boolean' },
    hasPassword: { type: 'boolean' },
    grants: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { role: { type: 'string' }, prefix: { type: 'string' } },
      },
    },
    createdAt: { type: 'string' },
  },
} as const;

type ByName = { Params: { username: string } };

/**
 * Users (user-manage: admins): list, create, grant or revoke a role on a folder, disable (which ends
 * their sessions and tokens). Setting a password is allowed for your own account too.
 */
export function userRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const users = deps.governance.users;

  app.get(
    '/api/users',
    {
      schema: {
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: USER_SUMMARY } } } },
      },
    },
    async (request) => ({ items: await users.list(request.principal) }),
  );

  app.post<{ Body: CreateUserInput }>(
    '/api/users',
    { schema: { body: CREATE_BODY, response: { 201: USER_SUMMARY } } },
    async (request, reply) => reply.status(201).send(await users.create(request.principal, request.body)),
  );

  app.post<ByName & { Body: { role: string; prefix?: string } }>(
    '/api/users/:username/grants',
    { schema: { params: USER_PARAMS, body: GRANT, response: { 200: USER_SUMMARY } } },
    async (request) => users.grant(request.principal, { username: request.params.username, ...request.body }),
  );

  app.delete<ByName & { Querystring: { role: string; prefix?: string } }>(
    '/api/users/:username/grants',
    { schema: { params: USER_PARAMS, querystring: GRANT, response: { 200: USER_SUMMARY } } },
    async (request) =>
      users.grant(request.principal, { username: request.params.username, ...request.query, revoke: true }),
  );

  app.post<ByName & { Body: { reason?: string } }>(
    '/api/users/:username/disable',
    {
      preValidation: emptyBodyAsObject,
      schema: {
        params: USER_PARAMS,
        body: { type: 'object', additionalProperties: false, properties: { reason: REASON } },
      },
    },
    async (request, reply) => {
      await users.disable(request.principal, request.params.username, request.body.reason);
      return reply.status(204).send();
    },
  );

  app.put<ByName & { Body: { password: string } }>(
    '/api/users/:username/password',
    {
      schema: {
        params: USER_PARAMS,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['password'],
          properties: { password: PASSWORD },
        },
      },
    },
    async (request, reply) => {
      await users.setPassword(request.principal, {
        username: request.params.username,
        password: request.body.password,
      });
      return reply.status(204).send();
    },
  );
}
