import { PromptopsError } from '../../errors/index.ts';
import type { Command } from '../command.ts';
import { table, toJson } from '../format.ts';
import { rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';

export const tokensCommand: Command = {
  name: 'tokens',
  summary: 'Create, list and revoke API tokens (yours; any user’s for admins). A token is shown once',
  usage: 'tokens list | tokens create NAME [--user USER] [--days N] | tokens revoke NAME [--user USER]',
  options: { user: { type: 'string' }, days: { type: 'string' } },
  async run(context, parsed) {
    const subcommand = requirePositional(parsed, 0, 'list|create|revoke', this.usage);
    if (subcommand === 'list') {
      rejectExtraPositionals(parsed, 1, this.usage);
      const tokens = await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        governance.tokens.list(principal),
      );
      if (context.json) context.stdout(`${toJson(tokens)}\n`);
      else {
        const rows = tokens.map((token) => [
          token.username,
          token.name,
          token.prefix,
          token.revokedAt
            ? 'revoked'
            : token.expiresAt && token.expiresAt < new Date().toISOString()
              ? 'expired'
              : 'live',
          token.expiresAt?.slice(0, 10) ?? 'never',
          token.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? 'never',
        ]);
        context.stdout(`${table(['USER', 'NAME', 'TOKEN', 'STATUS', 'EXPIRES', 'LAST USED'], rows)}\n`);
      }
      return 0;
    }
    const name = requirePositional(parsed, 1, 'NAME', this.usage);
    rejectExtraPositionals(parsed, 2, this.usage);
    const user = stringOption(parsed, 'user');
    if (subcommand === 'create') {
      const days = stringOption(parsed, 'days');
      const created = await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        governance.tokens.create(principal, {
          name,
          ...(user !== undefined && { username: user }),
          ...(days !== undefined && { expiresInDays: Number(days) }),
        }),
      );
      if (context.json) context.stdout(`${toJson({ ...created.summary, token: created.token })}\n`);
      else {
        context.stdout(`${created.token}\n`);
        context.stderr(
          `token ${created.summary.name} for ${created.summary.username}, expires ${created.summary.expiresAt?.slice(0, 10)}. ` +
            'It is shown this once: store it now (export PROMPTOPS_TOKEN=...).\n',
        );
      }
      return 0;
    }
    if (subcommand === 'revoke') {
      const revoked = await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        governance.tokens.revoke(principal, { name, ...(user !== undefined && { username: user }) }),
      );
      context.stdout(
        context.json ? `${toJson(revoked)}\n` : `revoked token ${revoked.name} of ${revoked.username}\n`,
      );
      return 0;
    }
    throw new PromptopsError(
      'invalid_argument',
      `unknown tokens subcommand "${subcommand}"; usage: promptops ${this.usage}`,
      {
        parameter: 'subcommand',
      },
    );
  },
};
