import { suggestName } from '../../errors/suggest-name.ts';
import type { Policies } from '../../governance/policies/index.ts';
import type { LocatedIssue } from './file-issues.ts';
import type { LoadedArtifact, LoadedPrompt } from './loaded-artifact.ts';
import type { ProjectConfig } from './project-config.ts';

/**
 * Names a prompt uses that the project does not define: a route or provider missing from
 * promptops.yaml, a guard policy missing from policies.yaml, an example bank missing from examples/.
 * Caught here so a typo fails on push, not on the first live call.
 */
export function checkReferences(
  config: ProjectConfig,
  policies: Policies,
  artifacts: readonly LoadedArtifact[],
): LocatedIssue[] {
  const banks = artifacts
    .filter((artifact) => artifact.kind === 'example-bank')
    .map((artifact) => artifact.name);
  const prompts = artifacts.filter((artifact): artifact is LoadedPrompt => artifact.kind === 'prompt');
  return prompts.flatMap((prompt) => {
    const issues: LocatedIssue[] = [];
    const missing = (
      field: (string | number)[],
      what: string,
      value: string,
      known: string[],
      where: string,
    ) => {
      if (known.includes(value)) return;
      const suggestion = suggestName(value, known);
      const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
      issues.push({
        message: `${what} "${value}" is not defined in ${where}${hint}`,
        location: prompt.locate(field),
      });
    };
    const { model, guards, examples } = prompt.content;
    const providers = Object.keys(config.providers);
    if (model?.route)
      missing(['model', 'route'], 'route', model.route, Object.keys(config.routes), 'promptops.yaml routes');
    if (model?.id)
      missing(['model', 'id'], 'provider', providerOf(model.id), providers, 'promptops.yaml providers');
    for (const [index, fallback] of (model?.fallbacks ?? []).entries()) {
      missing(
        ['model', 'fallbacks', index],
        'provider',
        providerOf(fallback),
        providers,
        'promptops.yaml providers',
      );
    }
    if (guards?.policy)
      missing(
        ['guards', 'policy'],
        'guard policy',
        guards.policy,
        Object.keys(policies.guards),
        'policies.yaml guards',
      );
    if (examples) missing(['examples', 'bank'], 'example bank', examples.bank, banks, 'examples/');
    return issues;
  });
}

function providerOf(modelId: string): string {
  return modelId.split('/')[0] ?? modelId;
}
