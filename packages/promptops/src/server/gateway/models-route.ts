import type { FastifyInstance } from 'fastify';
import { PromptopsError } from '../../errors/index.ts';
import { can, type Principal } from '../../governance/access/index.ts';
import { chatRunName } from '../../runtime/chat/chat-request.ts';
import type { ServerDeps } from '../server-deps.ts';
import { HIDDEN } from './hidden.ts';
import { PROMPT_PREFIX } from './model-name.ts';
import { unixSeconds } from './openai-shapes.ts';

/** OpenAI's model object. */
export interface OpenAIModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

/**
 * `GET /v1/models`: what the caller may run, in OpenAI's list shape: each active prompt it has
 * `prompt-run` on as `prompt:NAME`, then `prompt:NAME@ENV` for every environment that prompt is
 * deployed to, then the routes and models of ad-hoc chats (runtime.chatModels) it may call.
 * `GET /v1/models/<id>` is one of them, or `model_not_found`.
 */
export function modelsRoute(app: FastifyInstance, deps: ServerDeps): void {
  // Routes and models have no creation date of their own: they are as old as this server's start.
  const started = unixSeconds();
  app.get('/models', { schema: HIDDEN }, async (request) => ({
    object: 'list',
    data: await runnableModels(deps, request.principal, started),
  }));

  app.get<{ Params: { '*': string } }>('/models/*', { schema: HIDDEN }, async (request) => {
    const id = request.params['*'];
    const model = (await runnableModels(deps, request.principal, started)).find(
      (candidate) => candidate.id === id,
    );
    if (!model) {
      throw new PromptopsError(
        'model_not_found',
        `no model "${id}" that you may run: GET /v1/models lists them`,
        {
          model: id,
        },
      );
    }
    return model;
  });
}

async function runnableModels(
  deps: ServerDeps,
  principal: Principal,
  started: number,
): Promise<OpenAIModel[]> {
  const prompts = (await deps.catalog.list({ kind: 'prompt', status: 'active' })).filter((prompt) =>
    can(principal, 'prompt-run', prompt.name),
  );
  // The runtime's cache answers from memory once warm; without a runtime, the catalog itself.
  const detail = deps.runtime
    ? (name: string) => deps.runtime!.parts.cache.detail('prompt', name)
    : (name: string) => deps.catalog.get('prompt', name);
  const details = await Promise.all(prompts.map((prompt) => detail(prompt.name)));
  const models: OpenAIModel[] = [];
  for (const prompt of details) {
    const entry = (id: string): OpenAIModel => ({
      id,
      object: 'model',
      created: unixSeconds(prompt.createdAt),
      owned_by: prompt.owner ?? 'promptops',
    });
    models.push(entry(`${PROMPT_PREFIX}${prompt.name}`));
    for (const deployment of prompt.deployments)
      models.push(entry(`${PROMPT_PREFIX}${prompt.name}@${deployment.environment}`));
  }
  for (const id of deps.runtime?.chatModels() ?? []) {
    if (can(principal, 'prompt-run', chatRunName(id))) {
      models.push({ id, object: 'model', created: started, owned_by: 'promptops' });
    }
  }
  return models;
}
