import { PromptopsError } from '../../errors/index.ts';
import { endFreezes, insertFreeze, listActiveFreezes } from '../../store/index.ts';
import { authorize, type Principal } from '../access/index.ts';
import { mutate } from '../audit/index.ts';
import type { GovernanceDeps } from './governance-deps.ts';

export interface FreezeSummary {
  environment: string;
  reason: string;
  by: string;
  from: string;
  until: string | null;
  source: 'calendar' | 'declared';
}

/** Freezes in force now: the release calendar's windows and those declared with `freeze start`. */
export async function listFreezes(deps: GovernanceDeps, principal: Principal): Promise<FreezeSummary[]> {
  authorize(principal, 'catalog-read');
  const now = (deps.clock ?? (() => new Date()))();
  const calendar = deps.policies.freeze_windows
    .filter((window) => now >= new Date(window.start) && now < new Date(window.end))
    .flatMap((window) =>
      window.environments.map((environment) => ({
        environment,
        reason: window.reason ?? window.name,
        by: 'policies.yaml',
        from: window.start,
        until: window.end,
        source: 'calendar' as const,
      })),
    );
  const declared = (await listActiveFreezes(deps.db)).map((row) => ({
    environment: row.environment,
    reason: row.reason,
    by: row.startedBy,
    from: row.startedAt.toISOString(),
    until: null,
    source: 'declared' as const,
  }));
  return [...calendar, ...declared];
}

/** Declares a freeze (an incident, a launch): deploys to the environment stop until it ends. */
export async function startFreeze(
  deps: GovernanceDeps,
  principal: Principal,
  input: { environment: string; reason: string },
): Promise<FreezeSummary> {
  if (!input.reason.trim()) {
    throw new PromptopsError('invalid_argument', 'a freeze needs a reason (--reason)', {
      parameter: 'reason',
    });
  }
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    authorize(principal, 'freeze');
    const row = await insertFreeze(context.tx, {
      environment: input.environment,
      reason: input.reason,
      startedBy: principal.actor,
      startedAt: context.now(),
      endedBy: null,
      endedAt: null,
    });
    context.audit({
      action: 'freeze-start',
      targetKind: 'environment',
      target: input.environment,
      reason: input.reason,
    });
    return {
      environment: row.environment,
      reason: row.reason,
      by: row.startedBy,
      from: row.startedAt.toISOString(),
      until: null,
      source: 'declared',
    };
  });
}

/** Ends the declared freezes of an environment. The release calendar's windows end on their own. */
export async function endFreeze(
  deps: GovernanceDeps,
  principal: Principal,
  input: { environment: string; reason?: string },
): Promise<number> {
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    authorize(principal, 'freeze');
    const ended = await endFreezes(context.tx, input.environment, principal.actor, context.now());
    if (ended.length === 0) {
      throw new PromptopsError('conflict', `no declared freeze on ${input.environment} to end`, {
        environment: input.environment,
      });
    }
    context.audit({
      action: 'freeze-end',
      targetKind: 'environment',
      target: input.environment,
      reason: input.reason ?? null,
    });
    return ended.length;
  });
}
