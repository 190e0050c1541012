import {
  type Executor,
  type ExperimentRow,
  findArtifact,
  findDeployment,
  listExperiments,
} from '../../store/index.ts';
import { type Ending, endRunningExperiment } from './end-experiment.ts';
import { EXPERIMENTS_ACTOR } from './experiment-actor.ts';
import { type ExperimentDeps, nowOf } from './experiment-deps.ts';
import { measureExperiment } from './experiment-figures.ts';
import { describeFigures } from './experiment-format.ts';
import type { Direction } from './experiment-metrics.ts';
import type { ExperimentView } from './experiment-view.ts';
import { decideStopping, horizonReached } from './stopping-rule.ts';

/**
 * Why the split the experiment measures is gone, or undefined while the environment still serves
 * the control as stable and the same canary (same version, same start) as treatment.
 */
export async function splitChange(executor: Executor, row: ExperimentRow): Promise<string | undefined> {
  const artifact = await findArtifact(executor, 'prompt', row.prompt);
  const deployment = artifact ? await findDeployment(executor, artifact.id, row.environment) : undefined;
  const where = `${row.prompt} in ${row.environment}`;
  if (!deployment) return `${where} is no longer deployed`;
  const now = `now stable v${deployment.stableVersion}${deployment.canaryVersion === null ? ', no canary' : `, canary v${deployment.canaryVersion}`}`;
  if (deployment.stableVersion !== row.controlVersion || deployment.canaryVersion !== row.treatmentVersion) {
    return `the deployment of ${where} changed (${now}; the experiment compared stable v${row.controlVersion} with canary v${row.treatmentVersion})`;
  }
  if ((deployment.canaryStartedAt?.getTime() ?? null) !== (row.canaryStartedAt?.getTime() ?? null)) {
    return `the canary of ${where} was restarted since the experiment began`;
  }
  return undefined;
}

/**
 * Applies the stopping rule to one running experiment now: interrupted when the deployment's split
 * changed, concluded at a guardrail breach, at the horizon or at max duration; else left running.
 * Ending goes through the mutation funnel as `system:experiments`, once even when replicas race.
 */
export async function settleExperiment(
  deps: ExperimentDeps,
  row: ExperimentRow,
): Promise<ExperimentView | undefined> {
  const now = nowOf(deps);
  const changed = await splitChange(deps.db, row);
  const figures = await measureExperiment(deps.db, row, now);
  let ending: Ending;
  if (changed) {
    ending = {
      state: 'interrupted',
      outcome: 'interrupted',
      reason: describeFigures(figures.goal),
      horizonReached: horizonReached(figures, row),
      endReason: changed,
      figures,
    };
  } else {
    const decision = decideStopping({ figures, direction: row.direction as Direction, rule: row, now });
    if (!decision.end) return undefined;
    ending = {
      state: 'concluded',
      outcome: decision.outcome,
      reason: decision.reason,
      horizonReached: decision.horizonReached,
      endReason: `${decision.outcome}: ${decision.reason}`,
      figures,
    };
  }
  const view = await endRunningExperiment(deps, EXPERIMENTS_ACTOR, row.id, () => ending);
  if (view) {
    const event = `experiment.${ending.state}`;
    const message = `experiment #${row.id} on ${row.prompt} (${row.environment}) ${ending.state}: ${ending.endReason}`;
    if (ending.outcome === 'guardrail breached' || ending.state === 'interrupted') {
      deps.log?.warn({ event, experiment: row.id, outcome: ending.outcome }, message);
    } else {
      deps.log?.info({ event, experiment: row.id, outcome: ending.outcome }, message);
    }
  }
  return view;
}

export interface SettleReport {
  /** Running experiments looked at. */
  checked: number;
  ended: ExperimentView[];
  /** Experiments whose evaluation failed (logged; tried again next time). */
  failed: { id: number; error: string }[];
}

/** The evaluation loop's one pass: every running experiment through the stopping rule. */
export async function settleExperiments(deps: ExperimentDeps): Promise<SettleReport> {
  const running = await listExperiments(deps.db, { state: 'running', limit: 1000 });
  const report: SettleReport = { checked: running.length, ended: [], failed: [] };
  for (const row of running) {
    try {
      const view = await settleExperiment(deps, row);
      if (view) report.ended.push(view);
    } catch (error) {
      deps.log?.error({ experiment: row.id, err: String(error) }, `experiment #${row.id}: evaluation failed`);
      report.failed.push({ id: row.id, error: String(error) });
    }
  }
  return report;
}
