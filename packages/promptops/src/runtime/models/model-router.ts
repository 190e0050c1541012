import type { DataClassification, Task } from '../../catalog/content/names.ts';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import type { COMPLEXITY_LEVELS, ProjectConfig } from '../../catalog/files/project-config.ts';
import { PromptopsError } from '../../errors/promptops-error.ts';
import { suggestName } from '../../errors/suggest-name.ts';
import type { Policies } from '../../governance/policies/policies-schema.ts';
import { isModelAllowed } from './classification-check.ts';

export type Complexity = (typeof COMPLEXITY_LEVELS)[number];
export type ModelSpec = NonNullable<PromptContent['model']>;
export type ModelParams = NonNullable<ModelSpec['params']>;

/** The route a prompt falls back to when nothing more specific serves it. */
export const DEFAULT_ROUTE = 'default';
export const DEFAULT_COMPLEXITY: Complexity = 'medium';
/** As in PromptContent: a prompt that does not say is internal. */
const DEFAULT_CLASSIFICATION: DataClassification = 'internal';

export interface RouteRequest {
  /** The prompt's name, for messages. */
  prompt: string;
  model?: ModelSpec;
  task?: Task;
  classification?: DataClassification;
  /** How hard this request is; `medium` when the caller does not say. */
  complexity?: Complexity;
}

export interface ModelRoute {
  /** Absent when the prompt names a fixed model. */
  routeName?: string;
  /** `provider/model` tried first. */
  model: string;
  /** Tried in order after it; the prompt's own list replaces the route's. */
  fallbacks: string[];
  /** The prompt's model params, as written (snake case). */
  params: ModelParams;
  chosenBy: 'prompt-id' | 'prompt-route' | 'task' | 'default';
}

export type RouteResult = { ok: true; route: ModelRoute } | { ok: false; error: PromptopsError };

export interface RouterOptions {
  config: Pick<ProjectConfig, 'providers' | 'routes'>;
  policies: Pick<Policies, 'models_by_classification'>;
}

/**
 * Picks the models for one request: the first seed's ModelRouter (task × complexity → model) as
 * data in promptops.yaml `routes`. Precedence: the prompt's `model.id`; else the route its
 * `model.route` names; else the first route, in file order, whose `when` serves the prompt's task
 * and the request's complexity (an absent `when.task` or `when.complexity` serves any; a route
 * without `when` is only used by name); else the route named `default`. Every model in the chain
 * must belong to a configured provider and be allowed for the prompt's data classification.
 *
 * @example
 * routeFor({ prompt: 'support/classify-intent', task: 'classification' }, { config, policies });
 * // { ok: true, route: { routeName: 'fast', model: 'openai/gpt-4o-mini', fallbacks: [], ... } }
 */
export function routeFor(request: RouteRequest, options: RouterOptions): RouteResult {
  const { routes } = options.config;
  const spec = request.model ?? {};
  const fail = (message: string, details: Record<string, unknown> = {}): RouteResult => ({
    ok: false,
    error: new PromptopsError('config_invalid', `prompt ${request.prompt}: ${message}`, {
      prompt: request.prompt,
      ...details,
    }),
  });

  let picked: Omit<ModelRoute, 'params' | 'fallbacks'> & { fallbacks: readonly string[] };
  if (spec.id) {
    picked = { model: spec.id, fallbacks: [], chosenBy: 'prompt-id' };
  } else if (spec.route) {
    const route = Object.hasOwn(routes, spec.route) ? routes[spec.route] : undefined;
    if (!route) {
      const hint = suggestName(spec.route, Object.keys(routes));
      return fail(
        `model.route "${spec.route}" is not a route in promptops.yaml` +
          (hint ? ` (did you mean "${hint}"?)` : ` (routes: ${Object.keys(routes).join(', ') || 'none'})`),
        { route: spec.route },
      );
    }
    picked = {
      routeName: spec.route,
      model: route.model,
      fallbacks: route.fallbacks,
      chosenBy: 'prompt-route',
    };
  } else {
    const complexity = request.complexity ?? DEFAULT_COMPLEXITY;
    const served = Object.entries(routes).find(
      ([, route]) =>
        route.when !== undefined &&
        (route.when.task === undefined ||
          (request.task !== undefined && route.when.task.includes(request.task))) &&
        (route.when.complexity === undefined || route.when.complexity.includes(complexity)),
    );
    const fallback = Object.hasOwn(routes, DEFAULT_ROUTE) ? routes[DEFAULT_ROUTE] : undefined;
    if (served) {
      const [name, route] = served;
      picked = { routeName: name, model: route.model, fallbacks: route.fallbacks, chosenBy: 'task' };
    } else if (fallback) {
      picked = {
        routeName: DEFAULT_ROUTE,
        model: fallback.model,
        fallbacks: fallback.fallbacks,
        chosenBy: 'default',
      };
    } else {
      const wanted = `task ${request.task ? `"${request.task}"` : '(none)'} at complexity "${complexity}"`;
      return fail(
        `no route in promptops.yaml serves ${wanted}, and there is no route named "${DEFAULT_ROUTE}": ` +
          `add one, or give the prompt model.route or model.id`,
        { route: DEFAULT_ROUTE, task: request.task, complexity },
      );
    }
  }

  const fallbacks = unique(spec.fallbacks ?? picked.fallbacks).filter((id) => id !== picked.model);
  const classification = request.classification ?? DEFAULT_CLASSIFICATION;
  for (const [index, model] of [picked.model, ...fallbacks].entries()) {
    const role = index === 0 ? 'model' : 'fallback';
    const provider = model.slice(0, model.indexOf('/'));
    if (!Object.hasOwn(options.config.providers, provider)) {
      return fail(
        `${role} ${model}: provider "${provider}" is not configured under providers in promptops.yaml`,
        {
          model,
          route: picked.routeName,
        },
      );
    }
    const allowance = isModelAllowed(model, classification, options.policies);
    if (!allowance.allowed) {
      return fail(`${role} ${allowance.reason}`, { model, route: picked.routeName, classification });
    }
  }
  return { ok: true, route: { ...picked, fallbacks, params: { ...spec.params } } };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
