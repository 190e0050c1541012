import type { FastifyRequest } from 'fastify';
import { PromptopsError } from '../errors/index.ts';
import type { ServerDeps } from './server-deps.ts';
import type { TokenCache } from './token-cache.ts';

export const SESSION_COOKIE = 'promptops_session';

/**
 * Who is calling: `Authorization: Bearer <api token>`, or the web UI's session cookie. Over the
 * network there is no "local owner": without a valid token or session every route but the public
 * ones answers 401.
 */
export async function authenticateRequest(
  deps: ServerDeps,
  request: FastifyRequest,
  tokens?: TokenCache,
): Promise<void> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      throw new PromptopsError('unauthenticated', 'the Authorization header must be "Bearer <token>"', {});
    }
    request.principal = tokens
      ? await tokens.principal(match[1]!, deps.governance.authenticateToken)
      : await deps.governance.authenticateToken(match[1]!);
    return;
  }
  const session = request.cookies[SESSION_COOKIE];
  if (session !== undefined) {
    request.principal = await deps.governance.authenticateSession(session);
    return;
  }
  throw new PromptopsError(
    'unauthenticated',
    'sign in: send "Authorization: Bearer <token>" (promptops tokens create) or log in at /api/session',
    {},
  );
}
