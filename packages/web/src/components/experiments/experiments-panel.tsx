import { useState } from 'react';
import type {
  ExperimentView,
  MetricFigures,
} from '../../../../promptops/src/evaluation/experiments/index.ts';
import { api, query } from '../../api/client.ts';
import type { EnvironmentDeployment } from '../../api/types.ts';
import { useApi } from '../../use-api.ts';
import { ErrorNote } from '../error-note.tsx';
import { actorName, formatTime } from '../format.ts';
import { ReasonDialog } from '../reason-dialog.tsx';
import { arm, effect, pValue } from './experiment-figures.ts';
import { StartExperimentForm } from './start-experiment-form.tsx';

/**
 * A prompt's A/B experiments (issue 10, item 4b; docs/experiments.md): per experiment its state,
 * goal, each arm's n and figure, the effect with its confidence interval, p and the result; a stop
 * button for deployers on running ones, and a start form when an environment serves a canary with
 * no experiment running. Before the horizon the server withholds the goal's comparison, live and in
 * results that ended before it, and so does this panel: it says how many samples are still needed,
 * or that the experiment ended before the horizon.
 */
export function ExperimentsPanel({
  name,
  deployments,
  canManage,
}: {
  name: string;
  deployments: EnvironmentDeployment[];
  /** Deployer on the prompt: may start and stop. */
  canManage: boolean;
}) {
  const list = useApi<{ experiments: ExperimentView[] }>(`/api/experiments${query({ prompt: name })}`);
  const [stopping, setStopping] = useState<ExperimentView | undefined>();
  const [starting, setStarting] = useState(false);
  const experiments = list.data?.experiments ?? [];
  const running = new Set(
    experiments.filter((item) => item.state === 'running').map((item) => item.environment),
  );
  const startable = deployments.filter(
    (deployment) => deployment.canaryVersion !== null && !running.has(deployment.environment),
  );

  return (
    <section data-testid="experiments">
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '1rem' }}>
        <h2>Experiments</h2>
        {canManage && startable.length > 0 && !starting && (
          <button type="button" onClick={() => setStarting(true)}>
            Start an experiment…
          </button>
        )}
      </div>
      <ErrorNote error={list.error} />
      {starting && (
        <StartExperimentForm
          name={name}
          environments={startable}
          onStarted={() => {
            setStarting(false);
            list.reload();
          }}
          onCancel={() => setStarting(false)}
        />
      )}
      {list.data && experiments.length === 0 && (
        <p className="empty">
          No experiments yet. An experiment compares an environment's stable version with its canary on a goal
          metric and concludes at a fixed horizon.
        </p>
      )}
      {experiments.length > 0 && (
        <div className="table-wrap">
          <table data-testid="experiments-table">
            <thead>
              <tr>
                <th>#</th>
                <th>Environment</th>
                <th>Goal</th>
                <th>State</th>
                <th>Control</th>
                <th>Treatment</th>
                <th>Effect (treatment − control)</th>
                <th>p</th>
                <th>Result</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {experiments.map((experiment) => (
                <ExperimentRow
                  key={experiment.id}
                  experiment={experiment}
                  canStop={canManage && experiment.state === 'running'}
                  onStop={() => setStopping(experiment)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ReasonDialog
        open={stopping !== undefined}
        title={`Stop experiment #${stopping?.id}?`}
        explanation="It ends as stopped with the figures so far, never with a winner: a verdict read before the horizon is not one."
        confirmLabel="Stop experiment"
        reasonRequired
        danger
        onConfirm={async (reason) => {
          if (!stopping) return;
          await api(`/api/experiments/${stopping.id}/stop`, { body: { reason } });
          list.reload();
        }}
        onClose={() => setStopping(undefined)}
      />
    </section>
  );
}

function ExperimentRow({
  experiment,
  canStop,
  onStop,
}: {
  experiment: ExperimentView;
  canStop: boolean;
  onStop(): void;
}) {
  const figures = experiment.live ?? experiment.result?.figures ?? null;
  const goal: MetricFigures | null = figures?.goal ?? null;
  // The goal's effect and p only once the horizon was reached: an experiment stopped, interrupted,
  // breached or inconclusive before it shows its arms, never a comparison to read a verdict from.
  const reached = (experiment.live ?? experiment.result)?.horizonReached === true;
  const comparison = reached ? (goal?.comparison ?? null) : null;
  const rule = experiment.stoppingRule;
  const needed = goal
    ? Math.max(0, rule.minPerArm - goal.control.n) + Math.max(0, rule.minPerArm - goal.treatment.n)
    : rule.minPerArm * 2;
  const breached = figures?.guardrails.filter((guardrail) => guardrail.breached) ?? [];
  return (
    <tr data-testid={`experiment-${experiment.id}`}>
      <td>{experiment.id}</td>
      <td>{experiment.environment}</td>
      <td>
        {experiment.metric} ({experiment.direction} is better)
        <div className="small muted">
          {rule.minPerArm} per arm, by {formatTime(experiment.stoppingRule.endsBy)}
          {experiment.guardrails.length > 0 && ` · guardrails ${experiment.guardrails.join(', ')}`}
        </div>
      </td>
      <td>
        {experiment.state}
        <div className="small muted">
          by {actorName(experiment.endedBy ?? experiment.startedBy)}{' '}
          {formatTime(experiment.endedAt ?? experiment.startedAt)}
        </div>
      </td>
      <td>
        v{experiment.controlVersion}
        {goal && <div className="small">{arm(goal, 'control')}</div>}
      </td>
      <td>
        v{experiment.treatmentVersion}
        {goal && <div className="small">{arm(goal, 'treatment')}</div>}
      </td>
      <td>
        {goal && comparison ? (
          effect(goal.metric, comparison)
        ) : experiment.state === 'running' ? (
          <span className="muted small">at the horizon ({needed} more samples)</span>
        ) : reached ? (
          <span className="muted">—</span>
        ) : (
          <span className="muted small">ended before the horizon</span>
        )}
      </td>
      <td>{comparison ? pValue(comparison.pValue) : '—'}</td>
      <td>
        {experiment.result ? <strong>{experiment.result.outcome}</strong> : <span className="muted">—</span>}
        {breached.length > 0 && (
          <div className="small">guardrail breached: {breached.map((item) => item.metric).join(', ')}</div>
        )}
        {experiment.endReason && experiment.state !== 'concluded' && (
          <div className="small muted">{experiment.endReason}</div>
        )}
      </td>
      <td>
        {canStop && (
          <button type="button" className="danger" onClick={onStop}>
            Stop…
          </button>
        )}
      </td>
    </tr>
  );
}
