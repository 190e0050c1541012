import { can } from '../../governance/access/index.ts';
import type { Command } from '../command.ts';
import { formatDate, table, toJson } from '../format.ts';
import { rejectExtraPositionals, stringOption } from '../options.ts';

export const listCommand: Command = {
  name: 'list',
  summary: 'List prompts, fragments and example banks, with filters',
  usage:
    'list [FOLDER/] [--kind K] [--tag T] [--owner O] [--risk R] [--text WORDS] [--status active|retired|all]',
  options: {
    kind: { type: 'string' },
    tag: { type: 'string' },
    owner: { type: 'string' },
    risk: { type: 'string' },
    text: { type: 'string' },
    status: { type: 'string' },
  },
  async run(context, parsed) {
    rejectExtraPositionals(parsed, 1, this.usage);
    const status = stringOption(parsed, 'status') ?? 'active';
    const filter = {
      prefix: parsed.positionals[0],
      kind: stringOption(parsed, 'kind'),
      tag: stringOption(parsed, 'tag'),
      owner: stringOption(parsed, 'owner'),
      risk: stringOption(parsed, 'risk'),
      text: stringOption(parsed, 'text'),
      status: status === 'all' ? undefined : status,
    };
    const rows = await context.withCatalog(async (catalog, _db, _handle, { principal }) => {
      // Only what the caller may read: a viewer on support/ lists support/ alone.
      const artifacts = (await catalog.list(filter)).filter((artifact) =>
        can(principal, 'catalog-read', artifact.name),
      );
      return Promise.all(
        artifacts.map(async (artifact) => ({
          ...artifact,
          deployments: (await catalog.get(artifact.kind, artifact.name)).deployments,
        })),
      );
    });
    if (context.json) {
      context.stdout(`${toJson(rows)}\n`);
      return 0;
    }
    if (rows.length === 0) {
      context.stdout('nothing matches\n');
      return 0;
    }
    const body = rows.map((row) => [
      row.name,
      row.kind,
      `v${row.headVersion}`,
      row.risk ?? '-',
      row.owner ?? '-',
      row.deployments
        .map((deployment) => `${deployment.environment}=v${deployment.stableVersion}`)
        .join(' ') || '-',
      formatDate(row.updatedAt),
    ]);
    context.stdout(
      `${table(['NAME', 'KIND', 'LATEST', 'RISK', 'OWNER', 'ENVIRONMENTS', 'UPDATED'], body)}\n`,
    );
    return 0;
  },
};
