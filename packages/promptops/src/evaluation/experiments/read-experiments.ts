import { PromptopsError } from '../../errors/index.ts';
import { authorize, can, grantedPrefixes, type Principal } from '../../governance/access/index.ts';
import { type ExperimentRow, findExperiment, listExperiments } from '../../store/index.ts';
import { experimentNotFound } from './end-experiment.ts';
import { type ExperimentDeps, nowOf } from './experiment-deps.ts';
import { measureExperiment } from './experiment-figures.ts';
import {
  type ExperimentState,
  type ExperimentView,
  type LiveFigures,
  toExperimentView,
  withheldGoal,
} from './experiment-view.ts';
import { horizonReached } from './stopping-rule.ts';

const STATES: readonly ExperimentState[] = ['running', 'concluded', 'interrupted', 'stopped'];

/**
 * A running experiment's figures now. Before the horizon the goal's comparison (difference, interval,
 * p) is withheld: showing it invites the peeking the stopping rule exists to avoid. The per-arm
 * figures and the guardrails' comparisons are shown.
 */
export async function liveFigures(deps: ExperimentDeps, row: ExperimentRow): Promise<LiveFigures> {
  const figures = await measureExperiment(deps.db, row, nowOf(deps));
  const reached = horizonReached(figures, row);
  return {
    ...figures,
    goal: reached ? figures.goal : withheldGoal(figures.goal),
    horizonReached: reached,
  };
}

const withLive = async (deps: ExperimentDeps, row: ExperimentRow): Promise<ExperimentView> =>
  toExperimentView(row, row.state === 'running' ? await liveFigures(deps, row) : null);

/** One experiment with its live figures when running; viewer on the prompt (`run-read`). */
export async function showExperiment(
  deps: ExperimentDeps,
  principal: Principal,
  id: number,
): Promise<ExperimentView> {
  const row = await findExperiment(deps.db, id);
  if (!row) throw experimentNotFound(id);
  authorize(principal, 'run-read', row.prompt);
  return withLive(deps, row);
}

/**
 * Experiments newest first, of one prompt and state when given, with live figures for the running
 * ones; only those on prompts the caller may read runs of.
 */
export async function listExperimentViews(
  deps: ExperimentDeps,
  principal: Principal,
  filter: { prompt?: string; state?: string; limit?: number } = {},
): Promise<ExperimentView[]> {
  if (filter.state !== undefined && !(STATES as readonly string[]).includes(filter.state)) {
    throw new PromptopsError('invalid_argument', `state must be one of ${STATES.join(', ')}`, {
      parameter: 'state',
    });
  }
  const namePrefixes = grantedPrefixes(principal, 'run-read');
  if (filter.prompt !== undefined) authorize(principal, 'run-read', filter.prompt);
  else if (namePrefixes.length === 0) {
    throw new PromptopsError(
      'forbidden',
      `${principal.actor} may not read experiments: it needs the viewer role on some folder`,
      { action: 'run-read', role: 'viewer' },
    );
  }
  // The grants go into the query, so the limit counts rows the caller may read (a viewer on support/
  // gets support/'s experiments, not an empty page of others' newest); `can` stays as the last word.
  const rows = await listExperiments(deps.db, {
    ...filter,
    namePrefixes,
    limit: Math.min(filter.limit ?? 50, 500),
  });
  const views: ExperimentView[] = [];
  for (const row of rows) {
    if (can(principal, 'run-read', row.prompt)) views.push(await withLive(deps, row));
  }
  return views;
}
