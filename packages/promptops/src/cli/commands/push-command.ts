import { resolve } from 'node:path';
import { readProject } from '../../catalog/files/read-project.ts';
import { pushProject } from '../../catalog/sync/push-project.ts';
import { formatLocation } from '../../errors/index.ts';
import { authorize } from '../../governance/access/index.ts';
import { policiesChanged } from '../../governance/policies/catalog-policies.ts';
import type { Command } from '../command.ts';
import { table, toJson } from '../format.ts';
import { flag, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';

export const pushCommand: Command = {
  name: 'push',
  summary:
    'Sync a project folder to the catalog in one transaction (new versions only where content changed)',
  usage: 'push DIR [--dry-run] [-m MESSAGE] [--force]',
  options: {
    'dry-run': { type: 'boolean' },
    message: { type: 'string', short: 'm' },
    force: { type: 'boolean' },
  },
  async run(context, parsed) {
    const folder = resolve(context.cwd, requirePositional(parsed, 0, 'DIR', this.usage));
    rejectExtraPositionals(parsed, 1, this.usage);
    const report = await context.withCatalog(async (catalog, _db, _handle, { principal }) => {
      // Files are read once the database is ours, so a push that waited for another sees its result.
      const project = await readProject(folder);
      // Changing the policies in force (approvals, gates, freezes) is an admin's decision.
      if (await policiesChanged(catalog.db, project.policies)) authorize(principal, 'policies-update');
      return pushProject(catalog, principal, project, {
        dryRun: flag(parsed, 'dry-run'),
        message: stringOption(parsed, 'message'),
        force: flag(parsed, 'force'),
        // Only what gets a new version: unchanged files (another team's central fragments) need no right.
        authorizeChange: (item) => authorize(principal, 'version-create', item.name),
      });
    });
    if (context.json) {
      context.stdout(`${toJson(report)}\n`);
      return 0;
    }
    for (const warning of report.warnings)
      context.stderr(`warning: ${formatLocation(warning.location)}: ${warning.message}\n`);
    const changed = report.items.filter((item) => item.action !== 'unchanged');
    const rows = changed.map((item) => [
      item.action,
      item.kind,
      item.name,
      item.fromVersion === null ? `v${item.toVersion}` : `v${item.fromVersion} -> v${item.toVersion}`,
    ]);
    const verb = report.dryRun ? 'would push' : 'pushed';
    if (report.environmentsAdded.length > 0) {
      context.stdout(
        `${report.dryRun ? 'would create' : 'created'} environments: ${report.environmentsAdded.join(', ')}\n`,
      );
    }
    if (report.policiesUpdated) {
      context.stdout(`${report.dryRun ? 'would put' : 'put'} policies.yaml in force (audited)\n`);
    }
    if (changed.length > 0) context.stdout(`${table(['CHANGE', 'KIND', 'NAME', 'VERSION'], rows)}\n`);
    // `files` retrieval sources (docs/retrieval.md): their folder's documents, when any changed.
    for (const loaded of report.documents ?? []) {
      if (loaded.added + loaded.changed + loaded.removed === 0) continue;
      context.stdout(
        `retrieval source ${loaded.source}: ${loaded.added} added, ${loaded.changed} changed, ${loaded.removed} removed, ${loaded.unchanged} unchanged\n`,
      );
    }
    context.stdout(
      `${verb} ${changed.length} new version${changed.length === 1 ? '' : 's'}; ${report.items.length - changed.length} unchanged${report.dryRun ? ' (dry run: nothing written)' : ''}\n`,
    );
    return 0;
  },
};
