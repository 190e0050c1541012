import type { PromptContent } from '../../catalog/content/prompt-content.ts';

/**
 * Applies a prompt's per-environment variation (model, parameters, variable defaults) for the
 * environment it runs in. Returns the content unchanged when there is none.
 */
export function applyEnvironmentOverrides(
  content: PromptContent,
  environment: string | undefined,
): PromptContent {
  const override = environment ? content.environments?.[environment] : undefined;
  if (!override) return content;
  const model = override.model
    ? {
        ...content.model,
        ...override.model,
        params: { ...content.model?.params, ...override.model.params },
        // A route in the override replaces a fixed id in the base and the other way round.
        ...(override.model.route ? { id: undefined } : {}),
        ...(override.model.id ? { route: undefined } : {}),
      }
    : content.model;
  let variables = content.variables;
  if (override.defaults && variables) {
    const properties = { ...variables.properties };
    for (const [name, value] of Object.entries(override.defaults)) {
      properties[name] = { ...properties[name], default: value };
    }
    variables = { ...variables, properties };
  }
  return { ...content, model, variables };
}
