import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import type { ProjectConfig } from '../../catalog/files/project-config.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { Policies } from '../../governance/policies/index.ts';
import type { ModelSpec } from '../models/index.ts';
import { guardInput, planCall, type RunSource } from '../prepare-call.ts';
import type { ChatRequest } from './chat-request.ts';

export type ChatConfig = Pick<ProjectConfig, 'gateway' | 'routes' | 'providers'>;

const MODEL_ID = /^[a-z0-9][a-z0-9_-]*\/[^\s/]\S*$/;

/**
 * Stages 1–6 for an ad-hoc chat, in place of prepareRun's resolve and render: the model comes from
 * promptops.yaml (a route, or `provider/model` of a configured provider), the chat is treated as
 * `gateway.classification` data with the `gateway.guards` policy, and its user turns go through the
 * input guards as `messages[i]` (redactions are sent on). Routing (allowed models for the
 * classification) and the budget are the same as for a prompt.
 */
export function chatSource(config: ChatConfig, request: ChatRequest): RunSource {
  return {
    kind: 'chat',
    async prepare(parts, state) {
      const content = chatContent(config, request);
      const userTurns = Object.fromEntries(
        request.messages.flatMap((message, index) =>
          message.role === 'user' ? [[turnName(index), message.content]] : [],
        ),
      );
      const guarded = await guardInput(parts, state, content, userTurns);
      if (!guarded.ready) return guarded;
      const messages = request.messages.map((message, index) =>
        message.role === 'user'
          ? { ...message, content: String(guarded.variables[turnName(index)]) }
          : message,
      );
      return planCall(parts, state, content, guarded.variables, messages);
    },
  };
}

/** The chat's turns as the run's variables: what its input fingerprint is taken over. */
export function chatVariables(request: ChatRequest): Record<string, unknown> {
  return Object.fromEntries(request.messages.map((message, index) => [turnName(index), message.content]));
}

/** A guard policy named in `gateway.guards` must exist: checked once, when the runtime starts. */
export function checkChatConfig(config: ChatConfig, policies: Pick<Policies, 'guards'>): void {
  const name = config.gateway?.guards;
  if (name !== undefined && !Object.hasOwn(policies.guards, name)) {
    throw new PromptopsError(
      'config_invalid',
      `promptops.yaml gateway.guards: "${name}" is not a guard policy in policies.yaml (policies: ${Object.keys(policies.guards).join(', ') || 'none'})`,
      { field: 'gateway.guards' },
    );
  }
}

const turnName = (index: number) => `messages[${index}]`;

function chatContent(config: ChatConfig, request: ChatRequest): PromptContent {
  const gateway = config.gateway;
  const routes = Object.keys(config.routes);
  const providers = Object.keys(config.providers);
  if (!gateway) {
    throw new PromptopsError(
      'model_not_found',
      `"${request.model}" is not a governed prompt, and this project runs no ad-hoc chats: name a prompt as prompt:NAME, or add gateway: to promptops.yaml`,
      { model: request.model },
    );
  }
  let spec: ModelSpec;
  if (Object.hasOwn(config.routes, request.model)) spec = { route: request.model };
  else if (MODEL_ID.test(request.model) && providers.includes(request.model.split('/')[0]!))
    spec = { id: request.model };
  else {
    throw new PromptopsError(
      'model_not_found',
      `no model "${request.model}": name a route (${routes.join(', ') || 'none configured'}), ` +
        `provider/model with a provider from promptops.yaml (${providers.join(', ') || 'none configured'}), ` +
        'or a governed prompt as prompt:NAME',
      { model: request.model },
    );
  }
  return {
    description: 'An ad-hoc chat through the OpenAI-compatible gateway',
    owner: gateway.owner,
    // Only a tier's guard_policy reads this, when gateway.guards names none.
    risk: 'low',
    tags: [],
    classification: gateway.classification,
    model: { ...spec, ...(request.params && { params: request.params }) },
    ...(gateway.guards !== undefined && { guards: { policy: gateway.guards } }),
  };
}
