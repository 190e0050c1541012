import { renderArtifactFile } from '../../catalog/files/write-project.ts';
import { parseReference } from '../../catalog/service/selector.ts';
import { authorize } from '../../governance/access/index.ts';
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
    const { artifact, version } = await context.withCatalog(async (catalog, _db, _handle, { principal }) => {
      authorize(principal, 'catalog-read', reference.name);
      const kind = await resolveKind(catalog, reference.name, stringOption(parsed, 'kind'));
      return {
        artifact: await catalog.get(kind, reference.name),
        version: await catalog.resolve(kind, reference.name, reference.selector),
      };
    });
    if (context.json) {
      context.stdout(`${toJson({ artifact, version })}\n`);
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
