import type { ProjectConfig } from '../../catalog/files/project-config.ts';
import type { ModelProvider } from '../../runtime/providers/provider.ts';
import type { AssertionServices } from '../eval-types.ts';
import { assertionServices } from '../runner/assertion-services.ts';

/**
 * The judge promptops.yaml `evaluation.judge` names, for sampling rubrics: the one `promptops test`
 * uses, over the runtime's providers. Built when first asked, so a judge on an unconfigured provider
 * leaves rubrics unmeasured (after the worker's retries) instead of stopping the runtime from starting.
 */
export function samplingJudge(
  config: ProjectConfig,
  providers: Readonly<Record<string, ModelProvider>>,
): AssertionServices['judge'] {
  if (config.evaluation?.judge === undefined) return undefined;
  return (prompt) => assertionServices(config, providers).judge!(prompt);
}
