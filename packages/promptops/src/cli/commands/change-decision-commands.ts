import type { ChangeRequestSummary } from '../../governance/changes/change-summary.ts';
import type { Governance, Principal } from '../../governance/create-governance.ts';
import type { Command, CommandContext, ParsedArguments } from '../command.ts';
import { toJson } from '../format.ts';
import { rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { parseChangeNumber } from './change-number.ts';

type Decide = (
  governance: Governance,
  principal: Principal,
  input: { id: number; reason?: string },
) => Promise<ChangeRequestSummary>;

function decisionCommand(name: string, summary: string, decide: Decide): Command {
  const usage = `${name} ID [--reason TEXT]`;
  return {
    name,
    summary,
    usage,
    options: { reason: { type: 'string' } },
    async run(context: CommandContext, parsed: ParsedArguments) {
      const id = parseChangeNumber(requirePositional(parsed, 0, 'ID', usage));
      rejectExtraPositionals(parsed, 1, usage);
      const reason = stringOption(parsed, 'reason');
      const change = await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
        decide(governance, principal, { id, ...(reason !== undefined && { reason }) }),
      );
      context.stdout(
        context.json ? `${toJson(change)}\n` : `change request #${change.id} is ${change.state}\n`,
      );
      return 0;
    },
  };
}

export const approveCommand = decisionCommand(
  'approve',
  'Approve a change request (four eyes, approver roles, reasons and eval gates from policies.yaml apply)',
  (governance, principal, input) => governance.changes.approve(principal, input),
);

export const rejectCommand = decisionCommand(
  'reject',
  'Reject a change request, with a reason',
  (governance, principal, input) => governance.changes.reject(principal, input),
);

export const withdrawCommand = decisionCommand(
  'withdraw',
  'Withdraw your change request before it is deployed',
  (governance, principal, input) => governance.changes.withdraw(principal, input),
);

export const commentCommand: Command = {
  name: 'comment',
  summary: 'Comment on a change request',
  usage: 'comment ID TEXT',
  async run(context, parsed) {
    const id = parseChangeNumber(requirePositional(parsed, 0, 'ID', this.usage));
    const body = requirePositional(parsed, 1, 'TEXT', this.usage);
    rejectExtraPositionals(parsed, 2, this.usage);
    const event = await context.withCatalog((_catalog, _db, _handle, { principal, governance }) =>
      governance.changes.comment(principal, { id, body }),
    );
    context.stdout(context.json ? `${toJson(event)}\n` : `commented on change request #${id}\n`);
    return 0;
  },
};
