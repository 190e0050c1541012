import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../authenticate-request.ts';
import type { ServerDeps } from '../server-deps.ts';

const LOGIN_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 100 },
    password: { type: 'string', minLength: 1, maxLength: 1000 },
  },
} as const;

/**
 * Web sign-in: `POST /api/session` sets an httpOnly, SameSite=Strict session cookie (Secure behind
 * HTTPS); `GET /api/session` says who is signed in; `DELETE /api/session` signs out.
 */
export function sessionRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post<{ Body: { username: string; password: string } }>(
    '/api/session',
    { config: { public: true }, schema: { body: LOGIN_BODY } },
    async (request, reply) => {
      const { session, expiresAt, principal } = await deps.governance.login(
        request.body.username,
        request.body.password,
      );
      reply.setCookie(SESSION_COOKIE, session, {
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        path: '/',
        expires: expiresAt,
      });
      return { actor: principal.actor, grants: principal.grants, expiresAt: expiresAt.toISOString() };
    },
  );
  app.get('/api/session', async (request) => ({
    actor: request.principal.actor,
    grants: request.principal.grants,
  }));
  app.delete('/api/session', async (request, reply) => {
    const session = request.cookies[SESSION_COOKIE];
    if (session !== undefined) await deps.governance.logout(session);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
}
