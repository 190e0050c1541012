import { PromptopsError } from '../../errors/index.ts';
import { authorize, type Principal } from '../../governance/access/index.ts';
import { findExperiment } from '../../store/index.ts';
import { endRunningExperiment, experimentNotFound } from './end-experiment.ts';
import { type ExperimentDeps, nowOf } from './experiment-deps.ts';
import { measureExperiment } from './experiment-figures.ts';
import { describeFigures } from './experiment-format.ts';
import type { ExperimentView } from './experiment-view.ts';
import { horizonReached } from './stopping-rule.ts';

/**
 * Stops a running experiment by hand (deployer on the prompt), with the figures so far and the
 * person's reason; audited as `experiment-stop`, announced as `experiment.stopped`. The result is
 * `stopped`, never a winner: a verdict read before the horizon is the peeking the stopping rule
 * avoids.
 */
export async function stopExperiment(
  deps: ExperimentDeps,
  principal: Principal,
  input: { id: number; reason: string },
): Promise<ExperimentView> {
  const reason = input.reason.trim();
  if (reason === '') {
    throw new PromptopsError('invalid_argument', 'reason must say why the experiment stops', {
      parameter: 'reason',
    });
  }
  const found = await findExperiment(deps.db, input.id);
  if (!found) throw experimentNotFound(input.id);
  authorize(principal, 'experiment-manage', found.prompt);
  const view = await endRunningExperiment(
    deps,
    principal.actor,
    input.id,
    async (row, executor) => {
      const figures = await measureExperiment(executor, row, nowOf(deps));
      return {
        state: 'stopped',
        outcome: 'stopped',
        reason: describeFigures(figures.goal),
        horizonReached: horizonReached(figures, row),
        endReason: reason,
        figures,
      };
    },
    true,
  );
  deps.log?.info(
    { event: 'experiment.stopped', experiment: input.id },
    `experiment #${input.id} stopped: ${reason}`,
  );
  return view!;
}
