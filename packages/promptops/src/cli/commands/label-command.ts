import { parseVersionNumber } from '../../catalog/service/selector.ts';
import { authorize } from '../../governance/access/index.ts';
import type { Command } from '../command.ts';
import { toJson } from '../format.ts';
import { rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { resolveKind } from './artifact-kind.ts';

export const labelCommand: Command = {
  name: 'label',
  summary: 'Point an environment (label) at a version; the move is recorded in history and audit',
  usage: 'label NAME VERSION ENVIRONMENT [--reason TEXT] [--kind K]',
  options: { reason: { type: 'string' }, kind: { type: 'string' } },
  async run(context, parsed) {
    const name = requirePositional(parsed, 0, 'NAME', this.usage);
    const version = parseVersionNumber(requirePositional(parsed, 1, 'VERSION', this.usage), 'VERSION');
    const environment = requirePositional(parsed, 2, 'ENVIRONMENT', this.usage);
    rejectExtraPositionals(parsed, 3, this.usage);
    const deployment = await context.withCatalog(async (catalog, _db, _handle, { principal }) => {
      // Break glass: a direct move skips change requests, so only an admin may make it.
      authorize(principal, 'label-force', name);
      return catalog.moveLabel(principal, {
        kind: await resolveKind(catalog, name, stringOption(parsed, 'kind')),
        name,
        version,
        environment,
        reason: stringOption(parsed, 'reason'),
      });
    });
    context.stdout(
      context.json ? `${toJson(deployment)}\n` : `${environment} now serves ${name} v${version}\n`,
    );
    return 0;
  },
};
