import { resolve } from 'node:path';
import { pullProject } from '../../catalog/sync/pull-project.ts';
import { authorize } from '../../governance/access/index.ts';
import type { Command } from '../command.ts';
import { toJson } from '../format.ts';
import { flag, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';

export const pullCommand: Command = {
  name: 'pull',
  summary: 'Write the catalog (latest versions, or what an environment serves) back to files',
  usage: 'pull DIR [--environment ENV] [--force] [--schemas DIR|URL]',
  options: { environment: { type: 'string' }, force: { type: 'boolean' }, schemas: { type: 'string' } },
  async run(context, parsed) {
    const folder = resolve(context.cwd, requirePositional(parsed, 0, 'DIR', this.usage));
    rejectExtraPositionals(parsed, 1, this.usage);
    const report = await context.withCatalog((catalog, _db, _handle, { principal }) => {
      // Pull writes the whole catalog to files: it needs read access to all of it.
      authorize(principal, 'catalog-read', '');
      return pullProject(catalog, folder, {
        environment: stringOption(parsed, 'environment'),
        force: flag(parsed, 'force'),
        schemaDirectory: stringOption(parsed, 'schemas'),
      });
    });
    if (context.json) {
      context.stdout(`${toJson(report)}\n`);
      return 0;
    }
    if (report.createdConfig)
      context.stdout('wrote promptops.yaml (project and environments only: add providers and routes)\n');
    for (const file of report.written) context.stdout(`wrote ${file}\n`);
    if (report.notDeployed.length > 0) {
      context.stdout(`not in ${stringOption(parsed, 'environment')}: ${report.notDeployed.join(', ')}\n`);
    }
    context.stdout(`pulled ${report.written.length} file(s); ${report.unchanged} already up to date\n`);
    return 0;
  },
};
