import { diffVersions } from '../../catalog/diff/diff-versions.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { ChangeState } from '../../governance/changes/change-summary.ts';
import type { Command } from '../command.ts';
import { table, toJson } from '../format.ts';
import { rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { parseChangeNumber } from './change-number.ts';
import { describeChange } from './diff-command.ts';

const STATES: readonly ChangeState[] = ['open', 'approved', 'rejected', 'deployed', 'withdrawn'];

export const reviewCommand: Command = {
  name: 'review',
  summary: 'List change requests (open by default) or show one with its diff, evals, comments and approvals',
  usage: 'review list [--state open|approved|rejected|deployed|withdrawn|all] [--name NAME] | review show ID',
  options: { state: { type: 'string' }, name: { type: 'string' } },
  async run(context, parsed) {
    const subcommand = requirePositional(parsed, 0, 'list|show', this.usage);
    if (subcommand === 'list') {
      rejectExtraPositionals(parsed, 1, this.usage);
      const state = stringOption(parsed, 'state') ?? 'open';
      if (state !== 'all' && !(STATES as readonly string[]).includes(state)) {
        throw new PromptopsError('invalid_argument', `--state must be one of ${STATES.join(', ')}, all`, {
          parameter: 'state',
        });
      }
      const name = stringOption(parsed, 'name');
      const changes = await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        governance.changes.list(principal, {
          ...(state !== 'all' && { states: [state as ChangeState] }),
          ...(name !== undefined && { name }),
        }),
      );
      if (context.json) context.stdout(`${toJson(changes)}\n`);
      else if (changes.length === 0)
        context.stdout(`no ${state === 'all' ? '' : `${state} `}change requests\n`);
      else {
        const rows = changes.map((change) => [
          `#${change.id}`,
          change.state,
          `${change.name} v${change.version}`,
          change.environment,
          change.author,
          change.title,
        ]);
        context.stdout(`${table(['ID', 'STATE', 'CHANGE', 'ENVIRONMENT', 'AUTHOR', 'TITLE'], rows)}\n`);
      }
      return 0;
    }
    if (subcommand !== 'show') {
      throw new PromptopsError(
        'invalid_argument',
        `unknown review subcommand "${subcommand}"; usage: promptops ${this.usage}`,
        {
          parameter: 'subcommand',
        },
      );
    }
    const id = parseChangeNumber(requirePositional(parsed, 1, 'ID', this.usage));
    rejectExtraPositionals(parsed, 2, this.usage);
    const { detail, diff } = await context.withCatalog(
      async (catalog, _db, _handle, { principal, governance }) => {
        const detail = await governance.changes.show(principal, id);
        // The diff against what the environment served when proposed (or the parent for a first deployment).
        const from = detail.baseVersion ?? (detail.version > 1 ? detail.version - 1 : undefined);
        const diff =
          from === undefined
            ? undefined
            : await diffVersions(catalog, detail.kind, detail.name, [
                { version: from },
                { version: detail.version },
              ]);
        return { detail, diff };
      },
    );
    if (context.json) {
      context.stdout(`${toJson({ ...detail, diff })}\n`);
      return 0;
    }
    const out: string[] = [
      `change request #${detail.id} — ${detail.state}`,
      `${detail.kind} ${detail.name}: v${detail.version} for ${detail.environment} (serves ${detail.baseVersion === null ? 'nothing yet' : `v${detail.baseVersion}`}); ${detail.risk} risk`,
      `by ${detail.author}: ${detail.title}`,
      `approvals: ${detail.approvals.count} of ${detail.approvals.needed} (by ${detail.approvals.approverRoles.join(' or ')})`,
      '',
    ];
    if (diff) {
      out.push(`changes from v${diff.from.version}:`);
      for (const change of diff.fields) out.push(describeChange(change).trimEnd());
      out.push('');
    }
    out.push('evals:');
    if (detail.evalResults.length === 0) out.push('  (none recorded for this version)');
    for (const result of detail.evalResults) {
      out.push(
        `  ${result.suite}: ${result.passed}/${result.total} (${(result.passRate * 100).toFixed(1)}%) by ${result.recordedBy}`,
      );
    }
    out.push('', 'history:');
    for (const event of detail.events)
      out.push(`  ${event.at} ${event.actor} ${event.kind}${event.body ? `: ${event.body}` : ''}`);
    context.stdout(`${out.join('\n')}\n`);
    return 0;
  },
};
