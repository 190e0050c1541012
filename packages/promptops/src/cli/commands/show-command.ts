import { renderArtifactFile } from '../../catalog/files/write-project.ts';
import { promptFragments } from '../../catalog/service/prompt-fragments.ts';
import { parseReference } from '../../catalog/service/selector.ts';
import { authorize } from '../../governance/access/index.ts';
import { describeUsedFragment } from '../../templates/index.ts';
import type { Command } from '../command.ts';
import { formatDate, toJson } from '../format.ts';
import { rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { KIND_OPTION, resolveKind } from './artifact-kind.ts';

export const showCommand: Command = {
  name: 'show',
  summary: 'Show one version of a prompt, fragment or example bank: metadata, environments and content',
  usage: 'show NAME[@ENV|#VERSION] [--kind K]',
  options: KIND_OPTION,
  async run(context, parsed) {
    const reference = parseReference(requirePositional(parsed, 0, 'NAME', this.usage), 'NAME');
    rejectExtraPositionals(parsed, 1, this.usage);
    const { artifact, version, fragments, evals } = await context.withCatalog(
      async (catalog, _db, _handle, { principal, governance }) => {
        authorize(principal, 'catalog-read', reference.name);
        const kind = await resolveKind(catalog, reference.name, stringOption(parsed, 'kind'));
        const version = await catalog.resolve(kind, reference.name, reference.selector);
        // Fragments (and team overrides) as the environment named would serve them; latest otherwise.
        const environment = 'environment' in reference.selector ? reference.selector.environment : undefined;
        return {
          artifact: await catalog.get(kind, reference.name),
          version,
          fragments: kind === 'prompt' ? await promptFragments(catalog, version, environment) : undefined,
          evals: await governance.evals.latest(principal, {
            kind,
            name: reference.name,
            version: version.version,
          }),
        };
      },
    );
    if (context.json) {
      const resolved = fragments?.ok ? { fragments: fragments.fragments } : {};
      context.stdout(`${toJson({ artifact, version, ...resolved, evals })}\n`);
      return 0;
    }
    const serving = artifact.deployments
      .filter(
        (deployment) =>
          deployment.stableVersion === version.version || deployment.canaryVersion === version.version,
      )
      .map((deployment) => deployment.environment);
    const lines = [
      `${artifact.kind} ${artifact.name} v${version.version}${version.version === artifact.headVersion ? ' (latest)' : ` (latest is v${artifact.headVersion})`}${artifact.status === 'retired' ? ' RETIRED' : ''}`,
      `created   ${formatDate(version.createdAt)} by ${version.author}`,
      `changelog ${version.message}`,
      `hash      sha256:${version.contentHash}`,
      `serves in ${serving.join(', ') || '-'}`,
      `all envs  ${artifact.deployments.map((deployment) => `${deployment.environment}=v${deployment.stableVersion}`).join(' ') || '-'}`,
      `evals     ${evals.map((result) => `${result.suite} ${result.passed}/${result.total} (${(result.passRate * 100).toFixed(1)}%)`).join(' · ') || '-'}`,
      ...(fragments === undefined
        ? []
        : [
            `fragments ${fragments.ok ? fragments.fragments.map(describeUsedFragment).join(', ') || '-' : `unresolved: ${fragments.error.message}`}`,
          ]),
      '',
      renderArtifactFile({
        kind: version.kind,
        name: version.name,
        content: version.content as never,
      }).text.replace(/^# yaml-language-server:.*\n/, ''),
    ];
    context.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
};
