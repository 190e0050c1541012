import { authorize } from '../../governance/access/index.ts';
import type { Command } from '../command.ts';
import { formatDate, table, toJson } from '../format.ts';
import { rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { KIND_OPTION, resolveKind } from './artifact-kind.ts';

export const historyCommand: Command = {
  name: 'history',
  summary: 'Show every version and every environment move of an artifact',
  usage: 'history NAME [--kind K]',
  options: KIND_OPTION,
  async run(context, parsed) {
    const name = requirePositional(parsed, 0, 'NAME', this.usage);
    rejectExtraPositionals(parsed, 1, this.usage);
    const history = await context.withCatalog(async (catalog, _db, _handle, { principal }) => {
      authorize(principal, 'catalog-read', name);
      return catalog.history(await resolveKind(catalog, name, stringOption(parsed, 'kind')), name);
    });
    if (context.json) {
      context.stdout(`${toJson(history)}\n`);
      return 0;
    }
    const versions = [...history.versions]
      .reverse()
      .map((version) => [
        `v${version.version}`,
        formatDate(version.createdAt),
        version.author,
        version.message,
      ]);
    context.stdout(`${history.artifact.kind} ${history.artifact.name} (${history.artifact.status})\n\n`);
    context.stdout(`${table(['VERSION', 'CREATED', 'AUTHOR', 'CHANGELOG'], versions)}\n`);
    if (history.deploymentEvents.length > 0) {
      const moves = history.deploymentEvents.map((event) => [
        formatDate(event.at),
        event.environment,
        `${event.fromVersion === null ? '-' : `v${event.fromVersion}`} -> v${event.toVersion}`,
        event.actor,
        event.reason ?? '',
      ]);
      context.stdout(`\n${table(['MOVED', 'ENVIRONMENT', 'VERSIONS', 'BY', 'REASON'], moves)}\n`);
    }
    return 0;
  },
};
