import { PromptopsError } from '../../errors/index.ts';
import type { AuditAction } from '../../governance/audit/audit-actions.ts';
import { mutate } from '../../governance/audit/index.ts';
import { type Executor, type ExperimentRow, endExperiment, lockExperiment } from '../../store/index.ts';
import { type ExperimentDeps, nowOf } from './experiment-deps.ts';
import type { ExperimentFigures } from './experiment-figures.ts';
import { type ExperimentResult, type ExperimentView, toExperimentView } from './experiment-view.ts';
import type { ExperimentOutcome } from './stopping-rule.ts';

export interface Ending {
  state: 'concluded' | 'interrupted' | 'stopped';
  outcome: ExperimentOutcome;
  /** The figures in one line (the result's reason). */
  reason: string;
  horizonReached: boolean;
  /** Why it ended: the person's reason for a stop, the stopping rule's for the others. */
  endReason: string;
  figures: ExperimentFigures;
}

const ACTION_OF: Record<Ending['state'], AuditAction> = {
  concluded: 'experiment-conclude',
  interrupted: 'experiment-interrupt',
  stopped: 'experiment-stop',
};

/**
 * Ends a running experiment through the mutation funnel: stores the state and result, writes the
 * audit entry (announced to webhooks as `experiment.concluded|interrupted|stopped` in the same
 * transaction). Returns undefined when it had already ended (a replica or a person got there first),
 * unless `refuseEnded`, when that is a `conflict`.
 */
export async function endRunningExperiment(
  deps: ExperimentDeps,
  actor: string,
  id: number,
  ending: (row: ExperimentRow, executor: Executor) => Ending | Promise<Ending>,
  refuseEnded = false,
): Promise<ExperimentView | undefined> {
  return mutate(deps.db, { actor, clock: () => nowOf(deps) }, async (context) => {
    const row = await lockExperiment(context.tx, id);
    if (!row) throw experimentNotFound(id);
    if (row.state !== 'running') {
      if (!refuseEnded) return undefined;
      throw new PromptopsError('conflict', `experiment #${id} already ended (${row.state})`, {
        experiment: id,
      });
    }
    const ended = await ending(row, context.tx);
    const result: ExperimentResult = {
      outcome: ended.outcome,
      reason: ended.reason,
      horizonReached: ended.horizonReached,
      figures: ended.figures,
    };
    const endedAt = context.now();
    await endExperiment(context.tx, id, {
      state: ended.state,
      endedBy: actor,
      endedAt,
      endReason: ended.endReason,
      result: result as unknown as Record<string, unknown>,
    });
    const { goal } = ended.figures;
    context.audit({
      action: ACTION_OF[ended.state],
      targetKind: 'prompt',
      target: row.prompt,
      reason: ended.endReason,
      details: {
        experiment: id,
        environment: row.environment,
        control_version: row.controlVersion,
        treatment_version: row.treatmentVersion,
        outcome: ended.outcome,
        metric: row.metric,
        n: { control: goal.control.n, treatment: goal.treatment.n },
        difference: goal.comparison?.difference ?? null,
        interval: goal.comparison
          ? { lower: goal.comparison.interval.lower, upper: goal.comparison.interval.upper }
          : null,
        p_value: goal.comparison?.pValue ?? null,
      },
    });
    return toExperimentView({
      ...row,
      state: ended.state,
      endedBy: actor,
      endedAt,
      endReason: ended.endReason,
      result,
    });
  });
}

export function experimentNotFound(id: number): PromptopsError {
  return new PromptopsError('experiment_not_found', `no experiment #${id}`, { experiment: id });
}
