import { PromptopsError } from '../../errors/index.ts';
import type { Command } from '../command.ts';
import { table, toJson } from '../format.ts';
import { flag, listOption, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';

/** `approver:support/` → a grant; a bare role is granted on the whole catalog. */
function parseGrant(text: string): { role: string; prefix: string } {
  const [role = '', prefix = ''] = text.split(':', 2);
  return { role, prefix };
}

/** A password from stdin (`--password-stdin`), so it never appears in shell history or `ps`. */
async function readPassword(stdin: (() => Promise<string>) | undefined): Promise<string> {
  if (!stdin)
    throw new PromptopsError('invalid_argument', '--password-stdin needs standard input', {
      parameter: 'password-stdin',
    });
  return (await stdin()).replace(/\r?\n$/, '');
}

export const usersCommand: Command = {
  name: 'users',
  summary: 'Manage users and their roles on folders (admins)',
  usage:
    'users list | users create NAME [--role ROLE[:PREFIX]]... [--password-stdin] | users grant NAME ROLE[:PREFIX] | users revoke NAME ROLE[:PREFIX] | users password NAME --password-stdin | users disable NAME [--reason TEXT]',
  options: {
    role: { type: 'string', multiple: true },
    'password-stdin': { type: 'boolean' },
    'display-name': { type: 'string' },
    reason: { type: 'string' },
  },
  async run(context, parsed) {
    const subcommand = requirePositional(parsed, 0, 'list|create|grant|revoke|password|disable', this.usage);
    if (subcommand === 'list') {
      rejectExtraPositionals(parsed, 1, this.usage);
      const users = await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        governance.users.list(principal),
      );
      if (context.json) context.stdout(`${toJson(users)}\n`);
      else {
        const rows = users.map((user) => [
          user.username,
          user.disabled ? 'disabled' : 'active',
          user.grants.map((grant) => `${grant.role}${grant.prefix ? `:${grant.prefix}` : ''}`).join(', ') ||
            '-',
          user.hasPassword ? 'yes' : 'no',
        ]);
        context.stdout(`${table(['USER', 'STATUS', 'ROLES', 'PASSWORD'], rows)}\n`);
      }
      return 0;
    }
    const username = requirePositional(parsed, 1, 'NAME', this.usage);
    if (subcommand === 'create') {
      rejectExtraPositionals(parsed, 2, this.usage);
      const password = flag(parsed, 'password-stdin') ? await readPassword(context.stdin) : undefined;
      const displayName = stringOption(parsed, 'display-name');
      const grants = listOption(parsed, 'role').map(parseGrant);
      const created = await context.withCatalog(async (_catalog, _db, _handle, { principal, governance }) => {
        // The local owner of a catalog without users creates its first admin, who gets a token at once:
        // from then on every command needs one, and nobody else could create it.
        if (principal.userId === null) {
          if (grants.some((grant) => grant.role !== 'admin' || grant.prefix !== '')) {
            throw new PromptopsError(
              'invalid_argument',
              'the first user is an admin of the whole catalog: use --role admin or no --role',
              {
                parameter: 'role',
              },
            );
          }
          const admin = await governance.bootstrapAdmin({
            username,
            ...(password !== undefined && { password }),
          });
          return { username, token: admin.token };
        }
        const user = await governance.users.create(principal, {
          username,
          grants,
          ...(password !== undefined && { password }),
          ...(displayName !== undefined && { displayName }),
        });
        return { username: user.username, user };
      });
      if (context.json) context.stdout(`${toJson(created)}\n`);
      else if ('token' in created) {
        context.stdout(
          `created the first admin, ${username}; their API token (shown once, store it now):\n\n  export PROMPTOPS_TOKEN=${created.token}\n`,
        );
      } else
        context.stdout(
          `created ${username}; give them a token: promptops tokens create NAME --user ${username}\n`,
        );
      return 0;
    }
    if (subcommand === 'grant' || subcommand === 'revoke') {
      const grant = parseGrant(requirePositional(parsed, 2, 'ROLE[:PREFIX]', this.usage));
      rejectExtraPositionals(parsed, 3, this.usage);
      const user = await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        governance.users.grant(principal, { username, ...grant, revoke: subcommand === 'revoke' }),
      );
      const roles = user.grants
        .map((entry) => `${entry.role}${entry.prefix ? `:${entry.prefix}` : ''}`)
        .join(', ');
      context.stdout(context.json ? `${toJson(user)}\n` : `${username} now holds: ${roles || 'no roles'}\n`);
      return 0;
    }
    rejectExtraPositionals(parsed, 2, this.usage);
    if (subcommand === 'password') {
      if (!flag(parsed, 'password-stdin')) {
        throw new PromptopsError(
          'invalid_argument',
          'give the new password on standard input with --password-stdin',
          {
            parameter: 'password-stdin',
          },
        );
      }
      const password = await readPassword(context.stdin);
      await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        governance.users.setPassword(principal, { username, password }),
      );
      context.stdout(
        context.json
          ? `${toJson({ username, password: 'changed' })}\n`
          : `password changed for ${username}\n`,
      );
      return 0;
    }
    if (subcommand === 'disable') {
      const reason = stringOption(parsed, 'reason');
      await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        governance.users.disable(principal, username, reason),
      );
      context.stdout(
        context.json
          ? `${toJson({ username, disabled: true })}\n`
          : `${username} is disabled; their tokens and sessions are revoked\n`,
      );
      return 0;
    }
    throw new PromptopsError(
      'invalid_argument',
      `unknown users subcommand "${subcommand}"; usage: promptops ${this.usage}`,
      {
        parameter: 'subcommand',
      },
    );
  },
};
