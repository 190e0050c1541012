import { expect, test } from 'vitest';
import { ProjectConfig, type ProjectConfigInput } from '../../catalog/files/project-config.ts';
import { Policies } from '../../governance/policies/policies-schema.ts';
import { type RouteRequest, routeFor } from './model-router.ts';

// The first seed's ModelRouter, as data.
const seedRoutes: ProjectConfigInput = {
  project: { name: 'demo' },
  providers: { openai: { protocol: 'openai' }, anthropic: { protocol: 'anthropic' } },
  routes: {
    fast: { model: 'openai/gpt-4o-mini', when: { task: ['classification'] } },
    'simple-generation': { model: 'openai/gpt-4o-mini', when: { task: ['generation'], complexity: ['low'] } },
    'complex-generation': {
      model: 'openai/gpt-4o',
      fallbacks: ['anthropic/claude-sonnet-4-5'],
      when: { task: ['generation'], complexity: ['high'] },
    },
    reasoning: { model: 'anthropic/claude-opus-4-1', when: { task: ['reasoning'] } },
    careful: { model: 'anthropic/claude-sonnet-4-5', fallbacks: ['openai/gpt-4o'] },
    default: { model: 'openai/gpt-4o', fallbacks: ['openai/gpt-4o-mini'] },
  },
};
const config = ProjectConfig.parse(seedRoutes);
const policies = Policies.parse({ models_by_classification: { confidential: ['anthropic/*'] } });
const route = (request: Omit<RouteRequest, 'prompt'>, options = { config, policies }) =>
  routeFor({ prompt: 'support/reply', ...request }, options);

test('a prompt’s model.id wins over everything, with its own fallbacks and params', () => {
  const result = route({
    model: {
      id: 'anthropic/claude-haiku-4-5',
      fallbacks: ['openai/gpt-4o-mini'],
      params: { temperature: 0 },
    },
    task: 'classification',
  });
  expect(result).toEqual({
    ok: true,
    route: {
      model: 'anthropic/claude-haiku-4-5',
      fallbacks: ['openai/gpt-4o-mini'],
      params: { temperature: 0 },
      chosenBy: 'prompt-id',
    },
  });
});

test('model.route names a route; the prompt’s fallbacks replace the route’s', () => {
  expect(route({ model: { route: 'careful' }, task: 'classification' })).toMatchObject({
    ok: true,
    route: { routeName: 'careful', model: 'anthropic/claude-sonnet-4-5', fallbacks: ['openai/gpt-4o'] },
  });
  expect(route({ model: { route: 'careful', fallbacks: ['anthropic/claude-haiku-4-5'] } })).toMatchObject({
    ok: true,
    route: { routeName: 'careful', fallbacks: ['anthropic/claude-haiku-4-5'], chosenBy: 'prompt-route' },
  });
});

test('otherwise task and complexity pick the route, as in the seed’s table', () => {
  const pick = (request: Omit<RouteRequest, 'prompt'>) => {
    const result = route(request);
    return result.ok ? [result.route.routeName, result.route.model] : result.error.message;
  };
  expect(pick({ task: 'classification' })).toEqual(['fast', 'openai/gpt-4o-mini']);
  expect(pick({ task: 'generation', complexity: 'low' })).toEqual([
    'simple-generation',
    'openai/gpt-4o-mini',
  ]);
  expect(pick({ task: 'generation', complexity: 'high' })).toEqual(['complex-generation', 'openai/gpt-4o']);
  expect(pick({ task: 'reasoning', complexity: 'high' })).toEqual(['reasoning', 'anthropic/claude-opus-4-1']);
  // medium generation (the default complexity) and unknown tasks fall to the default route
  expect(pick({ task: 'generation' })).toEqual(['default', 'openai/gpt-4o']);
  expect(pick({ task: 'summarisation' })).toEqual(['default', 'openai/gpt-4o']);
  expect(pick({})).toEqual(['default', 'openai/gpt-4o']);
});

test('a route without when is only used by name', () => {
  const result = route({ task: 'extraction' });
  expect(result.ok && result.route.routeName).toBe('default');
});

test('with no matching route and no default route, the error names the prompt and the missing route', () => {
  const { default: _default, ...routes } = config.routes;
  const result = route({ task: 'summarisation' }, { config: { ...config, routes }, policies });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('config_invalid');
  expect(result.error.message).toContain('prompt support/reply');
  expect(result.error.message).toContain('no route named "default"');
  expect(result.error.message).toContain('"summarisation"');
});

test('a model.route that does not exist is an error with a suggestion', () => {
  const result = route({ model: { route: 'carefull' } });
  expect(result).toMatchObject({ ok: false, error: { code: 'config_invalid' } });
  expect(!result.ok && result.error.message).toContain('did you mean "careful"?');
});

test('every model in the chain must be allowed for the prompt’s classification', () => {
  expect(route({ model: { route: 'reasoning' }, classification: 'confidential' }).ok).toBe(true);
  const result = route({ model: { route: 'careful' }, classification: 'confidential' });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('config_invalid');
  expect(result.error.message).toContain('fallback openai/gpt-4o is not allowed for confidential data');
  expect(result.error.details).toMatchObject({
    prompt: 'support/reply',
    model: 'openai/gpt-4o',
    route: 'careful',
  });
});

test('restricted data is refused when policies list no models for it', () => {
  const result = route({ task: 'classification', classification: 'restricted' });
  expect(result.ok).toBe(false);
  expect(!result.ok && result.error.message).toContain('restricted');
});

test('a model whose provider is not configured is an error', () => {
  const result = route({ model: { id: 'mistral/mistral-small-2506' } });
  expect(!result.ok && result.error.message).toContain('provider "mistral" is not configured');
});

test('fallbacks repeating the primary model or each other are dropped', () => {
  const result = route({
    model: { id: 'openai/gpt-4o', fallbacks: ['openai/gpt-4o', 'openai/gpt-4o-mini', 'openai/gpt-4o-mini'] },
  });
  expect(result.ok && result.route.fallbacks).toEqual(['openai/gpt-4o-mini']);
});
