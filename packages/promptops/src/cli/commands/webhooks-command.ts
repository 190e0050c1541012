import { PromptopsError } from '../../errors/index.ts';
import { deliverDueWebhooks } from '../../governance/events/deliver-webhooks.ts';
import type { Command } from '../command.ts';
import { table, toJson } from '../format.ts';
import { flag, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';

export const webhooksCommand: Command = {
  name: 'webhooks',
  summary: 'Send change-request and deployment events to other systems (HMAC-signed, retried); admins',
  usage:
    'webhooks list | webhooks add NAME URL --secret-env VAR [--events change.*,deployment.*] [--allow-private-network] | webhooks remove NAME | webhooks log [--name NAME] [--status pending|delivered|failed] | webhooks deliver',
  options: {
    'secret-env': { type: 'string' },
    events: { type: 'string' },
    'allow-private-network': { type: 'boolean' },
    name: { type: 'string' },
    status: { type: 'string' },
  },
  async run(context, parsed) {
    const subcommand = requirePositional(parsed, 0, 'list|add|remove|log|deliver', this.usage);
    if (subcommand === 'add') {
      const name = requirePositional(parsed, 1, 'NAME', this.usage);
      const url = requirePositional(parsed, 2, 'URL', this.usage);
      rejectExtraPositionals(parsed, 3, this.usage);
      const secretEnv = stringOption(parsed, 'secret-env');
      if (!secretEnv)
        throw new PromptopsError('invalid_argument', '--secret-env is required', { parameter: 'secret-env' });
      const events = stringOption(parsed, 'events')
        ?.split(',')
        .map((event) => event.trim())
        .filter(Boolean);
      const hook = await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        governance.webhooks.add(principal, {
          name,
          url,
          secretEnv,
          allowPrivateNetwork: flag(parsed, 'allow-private-network'),
          ...(events && { events }),
        }),
      );
      context.stdout(
        context.json
          ? `${toJson(hook)}\n`
          : `webhook ${name} sends ${hook.events.join(', ')} to ${hook.url}\n`,
      );
      return 0;
    }
    if (subcommand === 'remove') {
      const name = requirePositional(parsed, 1, 'NAME', this.usage);
      rejectExtraPositionals(parsed, 2, this.usage);
      await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        governance.webhooks.remove(principal, name),
      );
      context.stdout(context.json ? `${toJson({ name, removed: true })}\n` : `webhook ${name} removed\n`);
      return 0;
    }
    rejectExtraPositionals(parsed, 1, this.usage);
    if (subcommand === 'list') {
      const hooks = await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        governance.webhooks.list(principal),
      );
      if (context.json) context.stdout(`${toJson(hooks)}\n`);
      else {
        const rows = hooks.map((hook) => [hook.name, hook.url, hook.events.join(','), hook.secretEnv]);
        context.stdout(`${table(['NAME', 'URL', 'EVENTS', 'SECRET FROM'], rows)}\n`);
      }
      return 0;
    }
    if (subcommand === 'log') {
      const name = stringOption(parsed, 'name');
      const status = stringOption(parsed, 'status');
      const log = await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        governance.webhooks.deliveries(principal, {
          ...(name !== undefined && { name }),
          ...(status !== undefined && { status }),
        }),
      );
      if (context.json) context.stdout(`${toJson(log)}\n`);
      else {
        const rows = log.map((entry) => [
          String(entry.id),
          entry.webhook,
          entry.event,
          entry.status,
          String(entry.attempts),
          entry.lastError ?? (entry.lastStatusCode === null ? '' : `HTTP ${entry.lastStatusCode}`),
        ]);
        context.stdout(`${table(['ID', 'WEBHOOK', 'EVENT', 'STATUS', 'ATTEMPTS', 'LAST RESULT'], rows)}\n`);
      }
      return 0;
    }
    if (subcommand === 'deliver') {
      // What `promptops serve` does continuously; from cron or CI it sends whatever is due now.
      const outcomes = await context.withCatalog(async (_catalog, db, _handle, { principal, governance }) => {
        await governance.webhooks.list(principal);
        return deliverDueWebhooks({ db, env: context.env });
      });
      if (context.json) context.stdout(`${toJson(outcomes)}\n`);
      else {
        for (const outcome of outcomes) {
          context.stdout(
            `${outcome.webhook} ${outcome.event} #${outcome.id}: ${outcome.status}${outcome.error ? ` (${outcome.error})` : ''}\n`,
          );
        }
        context.stdout(`${outcomes.length} deliver${outcomes.length === 1 ? 'y' : 'ies'} attempted\n`);
      }
      return outcomes.some((outcome) => outcome.status === 'failed') ? 1 : 0;
    }
    throw new PromptopsError(
      'invalid_argument',
      `unknown webhooks subcommand "${subcommand}"; usage: promptops ${this.usage}`,
      {
        parameter: 'subcommand',
      },
    );
  },
};
