import { parseVersionNumber } from '../../catalog/service/selector.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { Command } from '../command.ts';
import { toJson } from '../format.ts';
import { rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { KIND_OPTION, resolveKind } from './artifact-kind.ts';

export const proposeCommand: Command = {
  name: 'propose',
  summary: 'Open a change request: a version (the latest unless --version) proposed for an environment',
  usage: 'propose NAME --env ENVIRONMENT -m TITLE [--version N] [--kind K]',
  options: {
    env: { type: 'string' },
    message: { type: 'string', short: 'm' },
    version: { type: 'string' },
    ...KIND_OPTION,
  },
  async run(context, parsed) {
    const name = requirePositional(parsed, 0, 'NAME', this.usage);
    rejectExtraPositionals(parsed, 1, this.usage);
    const environment = stringOption(parsed, 'env');
    const title = stringOption(parsed, 'message');
    if (!environment || !title) {
      throw new PromptopsError(
        'invalid_argument',
        `--env and -m are required; usage: promptops ${this.usage}`,
        {
          parameter: environment ? 'message' : 'env',
        },
      );
    }
    const versionText = stringOption(parsed, 'version');
    const change = await context.withCatalog(async (catalog, _db, _handle, { principal, governance }) =>
      governance.changes.propose(principal, {
        kind: await resolveKind(catalog, name, stringOption(parsed, 'kind')),
        name,
        environment,
        title,
        ...(versionText !== undefined && { version: parseVersionNumber(versionText, 'version') }),
      }),
    );
    if (context.json) context.stdout(`${toJson(change)}\n`);
    else {
      const base = change.baseVersion === null ? 'nothing yet' : `v${change.baseVersion}`;
      context.stdout(
        `change request #${change.id}: ${name} v${change.version} for ${environment} (serves ${base}) — ${change.state}\n` +
          (change.state === 'open'
            ? `next: reviewers run \`promptops review show ${change.id}\`\n`
            : `next: promptops deploy ${change.id}\n`),
      );
    }
    return 0;
  },
};
