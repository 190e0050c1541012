import type { DeploymentSummary } from '../../catalog/service/records.ts';
import { mutate } from '../audit/index.ts';
import { tierOf } from './approval-rules.ts';
import { type EnvironmentTarget, lockTarget, writeMove } from './deployments.ts';
import type { GovernanceDeps } from './governance-deps.ts';

/** The actor the audit trail names for rollbacks that alerts make. */
export const ALERTS_ACTOR = 'system:alerts';

export interface CanaryRollbackInput extends EnvironmentTarget {
  /** The canary version the alert fired for: nothing happens unless it is still the canary. */
  canaryVersion: number;
  reason: string;
  /** The alert and its figures, kept in the audit entry. */
  details: Record<string, unknown>;
}

export type CanaryRollbackOutcome =
  | { outcome: 'rolled-back'; deployment: DeploymentSummary }
  /** The canary had already gone (another replica or a person stopped or promoted it). */
  | { outcome: 'already-gone' }
  /** The prompt's tier sets `canary.auto_rollback: false`. */
  | { outcome: 'not-allowed'; risk: string };

/**
 * Stops a canary because an alert with `action: rollback` fired for it (issue 7, item 6), as the
 * system actor, audited with the alert's reason and figures and announced as
 * `deployment.rolled_back`. It runs under the mutation lock and only if the environment's canary is
 * still `canaryVersion`, so replicas that see the same alert at once roll back exactly once: the
 * first one stops the canary, the others find it gone. Allowed during freezes, like every rollback;
 * refused for tiers that turn automatic rollback off.
 */
export async function rollbackCanaryForAlert(
  deps: GovernanceDeps,
  input: CanaryRollbackInput,
): Promise<CanaryRollbackOutcome> {
  return mutate(deps.db, { actor: ALERTS_ACTOR, clock: deps.clock }, async (context) => {
    const { artifact, current } = await lockTarget(context, input);
    if (current?.canaryVersion !== input.canaryVersion) return { outcome: 'already-gone' };
    const { risk, tier } = tierOf(deps.policies, artifact.risk);
    if (tier.canary.auto_rollback === false) return { outcome: 'not-allowed', risk };
    const deployment = await writeMove(context, artifact, input.environment, current, {
      action: 'canary-abort',
      stableVersion: current.stableVersion,
      canaryVersion: null,
      canaryPercent: null,
      reason: input.reason,
      details: input.details,
    });
    return { outcome: 'rolled-back', deployment };
  });
}
