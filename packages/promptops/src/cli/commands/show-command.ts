import { renderArtifactFile } from '../../catalog/files/write-project.ts';
import { promptFragments } from '../../catalog/service/prompt-fragments.ts';
import { parseReference } from '../../catalog/service/selector.ts';
import type { TestedWith } from '../../evaluation/reports/index.ts';
import { authorize } from '../../governance/access/index.ts';
import type { ArtifactMetadata } from '../../governance/changes/artifact-metadata.ts';
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
    const { artifact, version, fragments, metadata } = await context.withCatalog(
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
          metadata: await governance.metadata(principal, {
            kind,
            name: reference.name,
            version: version.version,
          }),
        };
      },
    );
    if (context.json) {
      const resolved = fragments?.ok ? { fragments: fragments.fragments } : {};
      const { evals, lastEdit, cycleTime } = metadata;
      context.stdout(`${toJson({ artifact, version, ...resolved, evals, lastEdit, cycleTime })}\n`);
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
      `purpose   ${metadata.purpose ?? '-'}`,
      `owner     ${metadata.owner ?? '-'}${metadata.risk === null ? '' : ` · risk ${metadata.risk}`}`,
      `evals     ${metadata.evals.map((result) => `${result.suite} ${result.passed}/${result.total} (${(result.passRate * 100).toFixed(1)}%)`).join(' · ') || '-'}`,
      `tested    ${describeTestedWith(metadata.evals)}`,
      `cycle     ${describeCycleTime(metadata.cycleTime)}`,
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

/** Models (with snapshot), promptops release and tool hashes of the newest result per suite, deduplicated. */
function describeTestedWith(evals: ArtifactMetadata['evals']): string {
  const parts = new Set<string>();
  for (const result of evals) {
    const tested = result.testedWith as TestedWith | undefined;
    if (!tested) continue;
    for (const model of tested.models ?? []) {
      parts.add(model.snapshot === undefined ? model.id : `${model.id} (${model.snapshot})`);
    }
    if (tested.promptops) parts.add(`promptops ${tested.promptops}`);
    for (const tool of tested.tools ?? []) parts.add(`tool ${tool.name}@${tool.schemaHash}`);
  }
  return [...parts].join(', ') || '-';
}

function describeCycleTime(cycle: ArtifactMetadata['cycleTime']): string {
  if (cycle.last === null) return `- (nothing deployed to ${cycle.environment} through a change request)`;
  const median = cycle.medianMs === null ? '' : ` · median ${formatSpan(cycle.medianMs)} over ${cycle.count}`;
  return `${formatSpan(cycle.last.durationMs)} proposal to ${cycle.environment} (change #${cycle.last.changeRequestId}, v${cycle.last.version})${median}`;
}

/** 90 s, 45 min, 3.5 h, 2.1 d. */
function formatSpan(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}
