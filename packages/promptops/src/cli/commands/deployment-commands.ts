import { PromptopsError } from '../../errors/index.ts';
import type { Command, ParsedArguments } from '../command.ts';
import { toJson } from '../format.ts';
import { rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { KIND_OPTION, resolveKind } from './artifact-kind.ts';
import { parseChangeNumber, parsePercent } from './change-number.ts';

export const deployCommand: Command = {
  name: 'deploy',
  summary:
    'Deploy an approved change request to its environment, as stable or as a canary (--canary PERCENT)',
  usage: 'deploy ID [--canary PERCENT] [--reason TEXT]',
  options: { canary: { type: 'string' }, reason: { type: 'string' } },
  async run(context, parsed) {
    const id = parseChangeNumber(requirePositional(parsed, 0, 'ID', this.usage));
    rejectExtraPositionals(parsed, 1, this.usage);
    const canary = stringOption(parsed, 'canary');
    const reason = stringOption(parsed, 'reason');
    const { change, deployment } = await context.withCatalog(
      (_catalog, _db, _handle, { principal, governance }) =>
        governance.deployments.deploy(principal, {
          id,
          ...(canary !== undefined && { canaryPercent: parsePercent(canary, 'canary') }),
          ...(reason !== undefined && { reason }),
        }),
    );
    if (context.json) context.stdout(`${toJson({ change, deployment })}\n`);
    else if (deployment.canaryVersion !== null) {
      context.stdout(
        `${change.environment}: ${change.name} v${deployment.canaryVersion} is a canary at ${deployment.canaryPercent}% (stable v${deployment.stableVersion})\n` +
          `next: promptops canary ${change.name} PERCENT --env ${change.environment}, promptops promote ${change.name} --env ${change.environment}, or promptops rollback ${change.name} --env ${change.environment}\n`,
      );
    } else context.stdout(`${change.environment} now serves ${change.name} v${deployment.stableVersion}\n`);
    return 0;
  },
};

interface Target {
  name: string;
  environment: string;
  reason?: string;
}

function targetOf(parsed: ParsedArguments, usage: string, positionals: number): Target {
  const name = requirePositional(parsed, 0, 'NAME', usage);
  rejectExtraPositionals(parsed, positionals, usage);
  const environment = stringOption(parsed, 'env');
  if (!environment)
    throw new PromptopsError('invalid_argument', `--env is required; usage: promptops ${usage}`, {
      parameter: 'env',
    });
  const reason = stringOption(parsed, 'reason');
  return { name, environment, ...(reason !== undefined && { reason }) };
}

const TARGET_OPTIONS = {
  env: { type: 'string' as const },
  reason: { type: 'string' as const },
  ...KIND_OPTION,
};

export const canaryCommand: Command = {
  name: 'canary',
  summary: "Change a running canary's share of traffic",
  usage: 'canary NAME PERCENT --env ENVIRONMENT [--reason TEXT] [--kind K]',
  options: TARGET_OPTIONS,
  async run(context, parsed) {
    const target = targetOf(parsed, this.usage, 2);
    const percent = parsePercent(requirePositional(parsed, 1, 'PERCENT', this.usage), 'PERCENT');
    const deployment = await context.withCatalog(async (catalog, _db, _handle, { principal, governance }) =>
      governance.deployments.setCanary(principal, {
        ...target,
        kind: await resolveKind(catalog, target.name, stringOption(parsed, 'kind')),
        percent,
      }),
    );
    context.stdout(
      context.json
        ? `${toJson(deployment)}\n`
        : `${target.environment}: canary ${target.name} v${deployment.canaryVersion} at ${deployment.canaryPercent}%\n`,
    );
    return 0;
  },
};

export const promoteCommand: Command = {
  name: 'promote',
  summary: 'Promote the canary to stable (after the minimum canary time its risk tier sets)',
  usage: 'promote NAME --env ENVIRONMENT [--reason TEXT] [--kind K]',
  options: TARGET_OPTIONS,
  async run(context, parsed) {
    const target = targetOf(parsed, this.usage, 1);
    const deployment = await context.withCatalog(async (catalog, _db, _handle, { principal, governance }) =>
      governance.deployments.promote(principal, {
        ...target,
        kind: await resolveKind(catalog, target.name, stringOption(parsed, 'kind')),
      }),
    );
    context.stdout(
      context.json
        ? `${toJson(deployment)}\n`
        : `${target.environment} now serves ${target.name} v${deployment.stableVersion} to everyone\n`,
    );
    return 0;
  },
};

export const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'Stop a canary, or return to the previous stable version; allowed during freezes',
  usage: 'rollback NAME --env ENVIRONMENT [--reason TEXT] [--kind K]',
  options: TARGET_OPTIONS,
  async run(context, parsed) {
    const target = targetOf(parsed, this.usage, 1);
    const deployment = await context.withCatalog(async (catalog, _db, _handle, { principal, governance }) =>
      governance.deployments.rollback(principal, {
        ...target,
        kind: await resolveKind(catalog, target.name, stringOption(parsed, 'kind')),
      }),
    );
    context.stdout(
      context.json
        ? `${toJson(deployment)}\n`
        : `${target.environment} now serves ${target.name} v${deployment.stableVersion} to everyone\n`,
    );
    return 0;
  },
};
