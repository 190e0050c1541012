import type { Policies } from '../../governance/policies/index.ts';
import { isModelAllowed } from '../models/index.ts';
import type { ChatConfig } from './prepare-chat.ts';

/**
 * What an ad-hoc chat may name, for listings (the gateway's `GET /v1/models`): every route whose
 * whole chain the gateway's classification allows, then each model the routes name that it allows.
 * Any other `provider/model` of a configured provider may be named too; it is not listed. Empty when
 * promptops.yaml has no `gateway:`.
 */
export function chatModels(
  config: ChatConfig,
  policies: Pick<Policies, 'models_by_classification'>,
): string[] {
  const classification = config.gateway?.classification;
  if (classification === undefined) return [];
  const allowed = (model: string) => isModelAllowed(model, classification, policies).allowed;
  const chains = Object.entries(config.routes).map(([name, route]) => ({
    name,
    models: [route.model, ...route.fallbacks],
  }));
  const routes = chains.filter((chain) => chain.models.every(allowed)).map((chain) => chain.name);
  const models = new Set(chains.flatMap((chain) => chain.models).filter(allowed));
  return [...routes, ...models];
}
