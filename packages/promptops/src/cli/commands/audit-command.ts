import { exitCodeOf, PromptopsError } from '../../errors/index.ts';
import { authorize } from '../../governance/access/index.ts';
import { verifyAuditChain } from '../../governance/audit/index.ts';
import { listAuditEntries } from '../../store/index.ts';
import type { Command } from '../command.ts';
import { formatDate, table, toJson } from '../format.ts';
import { rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Verify the hash-chained audit trail, or list its entries',
  usage:
    'audit verify [--expect-head HASH] | audit log [--by ACTOR] [--action A] [--target NAME|FOLDER/] [--since ISO] [--until ISO] [--limit N]',
  options: {
    'expect-head': { type: 'string' },
    by: { type: 'string' },
    action: { type: 'string' },
    target: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(context, parsed) {
    const subcommand = requirePositional(parsed, 0, 'verify|log', this.usage);
    rejectExtraPositionals(parsed, 1, this.usage);
    if (subcommand === 'verify') {
      const result = await context.withCatalog((_catalog, db, _handle, { principal }) => {
        authorize(principal, 'audit-read');
        return verifyAuditChain(db, { expectedHead: stringOption(parsed, 'expect-head') });
      });
      if (context.json) context.stdout(`${toJson(result)}\n`);
      else if (result.ok) {
        const head = result.head ? `; head #${result.head.position} ${result.head.hash}` : '';
        context.stdout(`audit chain OK: ${result.entries} entries verified${head}\n`);
      } else {
        context.stderr(`audit chain BROKEN at entry ${result.problem.position}: ${result.problem.message}\n`);
        context.stderr(
          `(${result.entries} ${result.entries === 1 ? 'entry' : 'entries'} before it verified)\n`,
        );
      }
      return result.ok ? 0 : exitCodeOf('audit_broken');
    }
    if (subcommand !== 'log') {
      throw new PromptopsError(
        'invalid_argument',
        `unknown audit subcommand "${subcommand}"; usage: ${this.usage}`,
        {
          parameter: 'subcommand',
        },
      );
    }
    const entries = await context.withCatalog((_catalog, db, _handle, { principal }) => {
      authorize(principal, 'audit-read');
      return listAuditEntries(db, {
        actor: stringOption(parsed, 'by'),
        action: stringOption(parsed, 'action'),
        target: stringOption(parsed, 'target'),
        since: dateOption(stringOption(parsed, 'since'), 'since'),
        until: dateOption(stringOption(parsed, 'until'), 'until'),
        limit: limitOption(stringOption(parsed, 'limit')),
      });
    });
    if (context.json) {
      context.stdout(`${toJson(entries)}\n`);
      return 0;
    }
    const rows = entries.map((entry) => [
      `#${entry.position}`,
      formatDate(entry.at),
      entry.actor,
      entry.action,
      entry.target,
      describeDetails(entry.details) + (entry.reason ? ` "${entry.reason}"` : ''),
    ]);
    context.stdout(`${table(['ENTRY', 'AT', 'ACTOR', 'ACTION', 'TARGET', 'DETAILS'], rows)}\n`);
    return 0;
  },
};

function describeDetails(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  return Object.entries(details as Record<string, unknown>)
    .filter(([key]) => key !== 'content_hash')
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

function dateOption(text: string | undefined, parameter: string): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new PromptopsError(
      'invalid_argument',
      `--${parameter} "${text}" is not a date (use ISO 8601, e.g. 2026-11-01)`,
      { parameter },
    );
  }
  return date;
}

function limitOption(text: string | undefined): number {
  if (text === undefined) return 50;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new PromptopsError('invalid_argument', `--limit "${text}" must be a whole number from 1 to 10000`, {
      parameter: 'limit',
    });
  }
  return limit;
}
