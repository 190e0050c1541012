import type { FastifyInstance } from 'fastify';
import { PromptopsError } from '../../errors/index.ts';
import type { ServerDeps } from '../server-deps.ts';
import { chatCompletionsRoute } from './chat-completions-route.ts';
import { DEFAULT_GATEWAY_OPTIONS, type GatewayOptions } from './gateway-options.ts';
import { modelsRoute } from './models-route.ts';
import { sendOpenAIError } from './openai-error.ts';

export const GATEWAY_PREFIX = '/v1';

/**
 * The OpenAI-compatible gateway under /v1 (DESIGN.md section 7): chat completions and models, so any
 * OpenAI client works with `baseURL: http://HOST:PORT/v1` and a promptops API token as its key. The
 * server's authentication hook runs first; every error under /v1 (a bad token, a bad body, an unknown
 * route) is in OpenAI's error shape, not the /api envelope.
 */
export async function gatewayRoutes(
  app: FastifyInstance,
  deps: ServerDeps,
  options: Partial<GatewayOptions> = {},
): Promise<void> {
  const settings = { ...DEFAULT_GATEWAY_OPTIONS, ...options };
  await app.register(
    async (gateway) => {
      gateway.setErrorHandler((error, request, reply) => sendOpenAIError(error, request, reply));
      gateway.setNotFoundHandler((request, reply) =>
        sendOpenAIError(
          new PromptopsError(
            'route_not_found',
            `no route ${request.method} ${request.url.split('?')[0]}`,
            {},
          ),
          request,
          reply,
        ),
      );
      chatCompletionsRoute(gateway, deps, settings);
      modelsRoute(gateway, deps);
    },
    { prefix: GATEWAY_PREFIX },
  );
}
