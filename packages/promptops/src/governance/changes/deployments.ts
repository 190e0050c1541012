import { type ArtifactKind, PRODUCTION_ENVIRONMENT } from '../../catalog/content/names.ts';
import { notFound } from '../../catalog/service/move-label.ts';
import type { DeploymentSummary } from '../../catalog/service/records.ts';
import { toDeploymentSummary } from '../../catalog/service/to-records.ts';
import { PromptopsError } from '../../errors/index.ts';
import {
  type ArtifactRow,
  type DeploymentRow,
  findDeployment,
  insertChangeRequestEvent,
  insertDeploymentEvent,
  listActiveFreezes,
  listDeploymentEvents,
  lockArtifact,
  saveDeployment,
} from '../../store/index.ts';
import { authorize, type Principal } from '../access/index.ts';
import { type MutationContext, mutate } from '../audit/index.ts';
import { activeFreeze, tierOf } from './approval-rules.ts';
import { lockChange, moveChange } from './change-requests.ts';
import { type ChangeRequestSummary, toChangeSummary } from './change-summary.ts';
import type { GovernanceDeps } from './governance-deps.ts';

/** Percent → basis points, as deployments store it (10% → 1000). */
const toBasisPoints = (percent: number) => Math.round(percent * 100);

interface Move {
  action: 'deploy' | 'canary-start' | 'canary-set' | 'canary-promote' | 'canary-abort' | 'rollback';
  stableVersion: number;
  canaryVersion: number | null;
  canaryPercent: number | null;
  reason: string | null;
  /** More for the audit entry: why an automatic move was made (the alert and its figures). */
  details?: Record<string, unknown>;
}

/** Writes a deployment move with its history event; a concurrent move is a `conflict`, never lost. */
export async function writeMove(
  context: MutationContext,
  artifact: ArtifactRow,
  environment: string,
  current: DeploymentRow | undefined,
  move: Move,
): Promise<DeploymentSummary> {
  const now = context.now();
  const revision = (current?.revision ?? 0) + 1;
  const sameCanary = current?.canaryVersion === move.canaryVersion && move.canaryVersion !== null;
  const row: DeploymentRow = {
    artifactId: artifact.id,
    environment,
    stableVersion: move.stableVersion,
    canaryVersion: move.canaryVersion,
    canaryPercent: move.canaryPercent === null ? null : toBasisPoints(move.canaryPercent),
    canaryStartedAt:
      move.canaryVersion === null ? null : sameCanary ? (current?.canaryStartedAt ?? now) : now,
    revision,
    updatedAt: now,
    updatedBy: context.actor,
  };
  if (!(await saveDeployment(context.tx, row, current?.revision ?? 0))) {
    throw new PromptopsError(
      'conflict',
      `${environment} for ${artifact.name} moved concurrently; try again`,
      {},
    );
  }
  await insertDeploymentEvent(context.tx, {
    artifactId: artifact.id,
    environment,
    action: move.action,
    fromVersion: current?.stableVersion ?? null,
    toVersion: move.stableVersion,
    canaryVersion: move.canaryVersion,
    canaryPercent: row.canaryPercent,
    revision,
    actor: context.actor,
    reason: move.reason,
    at: now,
  });
  // Audited under the artifact's own kind and name, so runtime caches on every replica drop it at once.
  context.audit({
    action:
      move.action === 'rollback' || move.action === 'canary-abort'
        ? 'deployment-rollback'
        : move.action === 'canary-promote'
          ? 'canary-promote'
          : move.action === 'deploy'
            ? 'change-deploy'
            : 'canary-set',
    targetKind: artifact.kind as ArtifactKind,
    target: artifact.name,
    reason: move.reason,
    details: {
      environment,
      move: move.action,
      from_version: current?.stableVersion ?? null,
      stable_version: move.stableVersion,
      canary_version: move.canaryVersion,
      canary_percent: move.canaryPercent,
      ...move.details,
    },
  });
  return toDeploymentSummary(row);
}

async function refuseWhenFrozen(deps: GovernanceDeps, context: MutationContext, environment: string) {
  const declared = await listActiveFreezes(context.tx, environment);
  const frozen = activeFreeze(deps.policies, declared, environment, context.now());
  if (frozen)
    throw new PromptopsError('policy_refused', `${frozen}; only rollbacks are allowed`, { environment });
}

function checkPercent(percent: number, minimum: number | undefined): void {
  if (!(percent > 0 && percent < 100)) {
    throw new PromptopsError('invalid_argument', 'a canary percentage is above 0 and below 100', {
      parameter: 'percent',
    });
  }
  if (minimum !== undefined && percent < minimum) {
    throw new PromptopsError('policy_refused', `the canary must take at least ${minimum}% of traffic`, {
      parameter: 'percent',
    });
  }
}

export interface DeployInput {
  id: number;
  /** Start as a canary at this percentage instead of replacing the stable version. */
  canaryPercent?: number;
  reason?: string;
  /** The change request's revision the caller last read; a change in between is a `conflict`. */
  revision?: number;
}

/**
 * Deploys an approved change to its environment, as the new stable version or as a canary. Refused
 * during a freeze, when production moved since the change was proposed, and — for tiers that require
 * a canary — unless it starts as one of at least the minimum percentage.
 */
export async function deployChange(
  deps: GovernanceDeps,
  principal: Principal,
  input: DeployInput,
): Promise<{ change: ChangeRequestSummary; deployment: DeploymentSummary }> {
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const { row, artifact } = await lockChange(context, input.id, input.revision);
    authorize(principal, 'deploy', artifact.name);
    if (row.state !== 'approved') {
      throw new PromptopsError(
        row.state === 'open' ? 'policy_refused' : 'conflict',
        `change request #${row.id} is ${row.state}${row.state === 'open' ? ': it needs its approvals first' : ''}`,
        { changeRequest: row.id },
      );
    }
    await lockArtifact(context.tx, artifact.kind, artifact.name);
    await refuseWhenFrozen(deps, context, row.environment);
    const { risk, tier } = tierOf(deps.policies, artifact.risk);
    const production = row.environment === PRODUCTION_ENVIRONMENT;
    if (production && tier.reason_required && !input.reason?.trim()) {
      throw new PromptopsError('policy_refused', `${risk} risk deployments need a reason (--reason)`, {});
    }
    const current = await findDeployment(context.tx, artifact.id, row.environment);
    if (current && row.baseVersion !== null && current.stableVersion !== row.baseVersion) {
      throw new PromptopsError(
        'conflict',
        `${row.environment} moved from v${row.baseVersion} to v${current.stableVersion} since change request #${row.id} was proposed; propose again against what it serves now`,
        { changeRequest: row.id },
      );
    }
    const canaryRequired = production && tier.canary.required && current !== undefined;
    if (input.canaryPercent === undefined && canaryRequired) {
      throw new PromptopsError(
        'policy_refused',
        `${risk} risk changes start as a canary of at least ${tier.canary.min_percent}% (--canary ${tier.canary.min_percent})`,
        { changeRequest: row.id },
      );
    }
    let move: Move;
    if (input.canaryPercent !== undefined && current) {
      checkPercent(input.canaryPercent, canaryRequired ? tier.canary.min_percent : undefined);
      move = {
        action: 'canary-start',
        stableVersion: current.stableVersion,
        canaryVersion: row.version,
        canaryPercent: input.canaryPercent,
        reason: input.reason ?? row.title,
      };
    } else {
      move = {
        action: 'deploy',
        stableVersion: row.version,
        canaryVersion: null,
        canaryPercent: null,
        reason: input.reason ?? row.title,
      };
    }
    const deployment = await writeMove(context, artifact, row.environment, current, move);
    await insertChangeRequestEvent(context.tx, {
      changeRequestId: row.id,
      kind: 'deploy',
      actor: principal.actor,
      role: null,
      body: move.action === 'canary-start' ? `canary at ${input.canaryPercent}%` : 'stable',
      at: context.now(),
    });
    const updated = await moveChange(context, row, 'deployed');
    return { change: toChangeSummary(updated, artifact), deployment };
  });
}

export interface EnvironmentTarget {
  kind: ArtifactKind;
  name: string;
  environment: string;
  reason?: string;
}

export async function lockTarget(context: MutationContext, target: EnvironmentTarget) {
  const artifact = await lockArtifact(context.tx, target.kind, target.name);
  if (!artifact) throw notFound(target.kind, target.name);
  const current = await findDeployment(context.tx, artifact.id, target.environment);
  return { artifact, current };
}

/** Changes a running canary's share of traffic. */
export async function setCanaryPercent(
  deps: GovernanceDeps,
  principal: Principal,
  input: EnvironmentTarget & { percent: number },
): Promise<DeploymentSummary> {
  authorize(principal, 'canary-set', input.name);
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const { artifact, current } = await lockTarget(context, input);
    if (!current?.canaryVersion) {
      throw new PromptopsError(
        'conflict',
        `${input.name} has no canary in ${input.environment}; deploy a change with --canary`,
        {},
      );
    }
    const { tier } = tierOf(deps.policies, artifact.risk);
    const required = input.environment === PRODUCTION_ENVIRONMENT && tier.canary.required;
    checkPercent(input.percent, required ? tier.canary.min_percent : undefined);
    if (input.percent > (current.canaryPercent ?? 0) / 100)
      await refuseWhenFrozen(deps, context, input.environment);
    return writeMove(context, artifact, input.environment, current, {
      action: 'canary-set',
      stableVersion: current.stableVersion,
      canaryVersion: current.canaryVersion,
      canaryPercent: input.percent,
      reason: input.reason ?? null,
    });
  });
}

/** Makes the canary the stable version, once it has run as long as the tier requires. */
export async function promoteCanary(
  deps: GovernanceDeps,
  principal: Principal,
  input: EnvironmentTarget,
): Promise<DeploymentSummary> {
  authorize(principal, 'promote', input.name);
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const { artifact, current } = await lockTarget(context, input);
    if (!current?.canaryVersion) {
      throw new PromptopsError(
        'conflict',
        `${input.name} has no canary in ${input.environment} to promote`,
        {},
      );
    }
    await refuseWhenFrozen(deps, context, input.environment);
    const { risk, tier } = tierOf(deps.policies, artifact.risk);
    if (input.environment === PRODUCTION_ENVIRONMENT && tier.canary.required) {
      const ranMinutes =
        (context.now().getTime() - (current.canaryStartedAt ?? context.now()).getTime()) / 60_000;
      if (ranMinutes < tier.canary.min_minutes) {
        throw new PromptopsError(
          'policy_refused',
          `${risk} risk canaries run at least ${tier.canary.min_minutes} minutes before promotion; this one has run ${Math.floor(ranMinutes)}`,
          {},
        );
      }
    }
    return writeMove(context, artifact, input.environment, current, {
      action: 'canary-promote',
      stableVersion: current.canaryVersion,
      canaryVersion: null,
      canaryPercent: null,
      reason: input.reason ?? null,
    });
  });
}

/**
 * One command back to safety: a running canary is stopped (everyone gets the stable version again);
 * otherwise the environment returns to the stable version it served before the current one. Allowed
 * during freezes.
 */
export async function rollback(
  deps: GovernanceDeps,
  principal: Principal,
  input: EnvironmentTarget,
): Promise<DeploymentSummary> {
  authorize(principal, 'rollback', input.name);
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const { artifact, current } = await lockTarget(context, input);
    if (!current)
      throw new PromptopsError(
        'environment_not_found',
        `${input.name} is not deployed in ${input.environment}`,
        {},
      );
    if (current.canaryVersion !== null) {
      return writeMove(context, artifact, input.environment, current, {
        action: 'canary-abort',
        stableVersion: current.stableVersion,
        canaryVersion: null,
        canaryPercent: null,
        reason: input.reason ?? null,
      });
    }
    const previous = await previousStable(context, artifact.id, input.environment);
    if (previous === undefined) {
      throw new PromptopsError(
        'conflict',
        `${input.name} has no earlier stable version in ${input.environment} to return to`,
        {},
      );
    }
    return writeMove(context, artifact, input.environment, current, {
      action: 'rollback',
      stableVersion: previous,
      canaryVersion: null,
      canaryPercent: null,
      reason: input.reason ?? null,
    });
  });
}

/** Replays the environment's stable versions as a stack: moves push, rollbacks pop. */
async function previousStable(context: MutationContext, artifactId: number, environment: string) {
  const events = (await listDeploymentEvents(context.tx, artifactId, environment)).reverse();
  const stack: number[] = [];
  for (const event of events) {
    if (event.action === 'rollback') stack.pop();
    else if (event.toVersion !== null && event.toVersion !== stack.at(-1)) stack.push(event.toVersion);
  }
  return stack.at(-2);
}
