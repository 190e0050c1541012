import { PromptopsError } from '../../errors/index.ts';
import { authorize } from '../../governance/access/index.ts';
import type { Command } from '../command.ts';
import { toJson } from '../format.ts';
import { rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { KIND_OPTION, resolveKind } from './artifact-kind.ts';

export const retireCommand: Command = {
  name: 'retire',
  summary: 'Retire an artifact: history kept, no new versions or deployments',
  usage: 'retire NAME --reason TEXT [--kind K]',
  options: { ...KIND_OPTION, reason: { type: 'string' } },
  async run(context, parsed) {
    const name = requirePositional(parsed, 0, 'NAME', this.usage);
    rejectExtraPositionals(parsed, 1, this.usage);
    const reason = stringOption(parsed, 'reason');
    if (!reason)
      throw new PromptopsError('invalid_argument', `--reason is required; usage: ${this.usage}`, {
        parameter: 'reason',
      });
    const artifact = await context.withCatalog(async (catalog, _db, _handle, { principal }) => {
      authorize(principal, 'artifact-retire', name);
      return catalog.retire(principal, {
        kind: await resolveKind(catalog, name, stringOption(parsed, 'kind')),
        name,
        reason,
      });
    });
    context.stdout(context.json ? `${toJson(artifact)}\n` : `${artifact.kind} ${name} retired\n`);
    return 0;
  },
};
