import { PromptopsError } from '../../errors/index.ts';
import type { Command } from '../command.ts';
import { table, toJson } from '../format.ts';
import { rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';

export const freezeCommand: Command = {
  name: 'freeze',
  summary: 'List freezes in force (release calendar and declared), or declare and end one',
  usage: 'freeze list | freeze start ENVIRONMENT --reason TEXT | freeze end ENVIRONMENT [--reason TEXT]',
  options: { reason: { type: 'string' } },
  async run(context, parsed) {
    const subcommand = requirePositional(parsed, 0, 'list|start|end', this.usage);
    if (subcommand === 'list') {
      rejectExtraPositionals(parsed, 1, this.usage);
      const freezes = await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        governance.freezes.list(principal),
      );
      if (context.json) context.stdout(`${toJson(freezes)}\n`);
      else if (freezes.length === 0) context.stdout('no freezes in force\n');
      else {
        const rows = freezes.map((freeze) => [
          freeze.environment,
          freeze.source,
          freeze.until ?? 'until ended',
          freeze.by,
          freeze.reason,
        ]);
        context.stdout(`${table(['ENVIRONMENT', 'SOURCE', 'UNTIL', 'BY', 'REASON'], rows)}\n`);
      }
      return 0;
    }
    if (subcommand !== 'start' && subcommand !== 'end') {
      throw new PromptopsError(
        'invalid_argument',
        `unknown freeze subcommand "${subcommand}"; usage: promptops ${this.usage}`,
        {
          parameter: 'subcommand',
        },
      );
    }
    const environment = requirePositional(parsed, 1, 'ENVIRONMENT', this.usage);
    rejectExtraPositionals(parsed, 2, this.usage);
    const reason = stringOption(parsed, 'reason');
    if (subcommand === 'start') {
      const freeze = await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        governance.freezes.start(principal, { environment, reason: reason ?? '' }),
      );
      context.stdout(
        context.json
          ? `${toJson(freeze)}\n`
          : `${environment} is frozen: only rollbacks until \`promptops freeze end ${environment}\`\n`,
      );
      return 0;
    }
    const ended = await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
      governance.freezes.end(principal, { environment, ...(reason !== undefined && { reason }) }),
    );
    context.stdout(
      context.json ? `${toJson({ environment, ended })}\n` : `ended ${ended} freeze(s) on ${environment}\n`,
    );
    return 0;
  },
};
