import { type FormEvent, useState } from 'react';
import type { ExperimentMetricName } from '../../../../promptops/src/evaluation/experiments/index.ts';
import { type ApiError, api } from '../../api/client.ts';
import type { EnvironmentDeployment } from '../../api/types.ts';
import { ErrorNote } from '../error-note.tsx';
import { METRICS } from './experiment-figures.ts';

const METRIC_NAMES = Object.keys(METRICS) as ExperimentMetricName[];

/**
 * Starts an experiment on an environment's canary (`POST /api/experiments`): goal metric and
 * direction, the horizon (samples per arm, maximum duration), alpha, guardrails and a reason. The
 * server names a bad field; the form shows what it said.
 */
export function StartExperimentForm({
  name,
  environments,
  onStarted,
  onCancel,
}: {
  name: string;
  /** Environments serving a canary with no running experiment. */
  environments: EnvironmentDeployment[];
  onStarted(): void;
  onCancel(): void;
}) {
  const [metric, setMetric] = useState<ExperimentMetricName>('feedback');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (field: string) => String(form.get(field) ?? '').trim();
    setBusy(true);
    setError(undefined);
    try {
      await api('/api/experiments', {
        body: {
          prompt: name,
          environment: text('environment'),
          metric,
          direction: text('direction'),
          minPerArm: Number(text('minPerArm')),
          maxDuration: text('maxDuration'),
          alpha: Number(text('alpha')),
          guardrails: form.getAll('guardrails').map(String),
          reason: text('reason'),
        },
      });
      onStarted();
    } catch (failure) {
      setError(failure as ApiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form-grid" onSubmit={submit} data-testid="start-experiment">
      <h3 style={{ margin: 0 }}>Start an A/B experiment on the canary</h3>
      <label>
        Environment
        <select name="environment">
          {environments.map((deployment) => (
            <option key={deployment.environment} value={deployment.environment}>
              {deployment.environment}: v{deployment.stableVersion} (control) vs canary v
              {deployment.canaryVersion} at {deployment.canaryPercent}%
            </option>
          ))}
        </select>
      </label>
      <label>
        Goal metric
        <select
          name="metric"
          value={metric}
          onChange={(event) => setMetric(event.target.value as ExperimentMetricName)}
        >
          {METRIC_NAMES.map((value) => (
            <option key={value} value={value}>
              {value}: {METRICS[value].label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Better is
        <select name="direction" key={metric} defaultValue={METRICS[metric].better}>
          <option value="higher">higher</option>
          <option value="lower">lower</option>
        </select>
      </label>
      <label>
        Samples per arm before the goal is tested{' '}
        <span className="field-hint">(the horizon: nothing is concluded earlier, except by a guardrail)</span>
        <input name="minPerArm" type="number" min={2} defaultValue={400} required />
      </label>
      <label>
        Maximum duration{' '}
        <span className="field-hint">(36h, 14d; inconclusive if the samples are not there by then)</span>
        <input name="maxDuration" defaultValue="14d" pattern="\d{1,6}(m|h|d)" required />
      </label>
      <label>
        Alpha
        <input name="alpha" type="number" step="0.001" min={0.001} max={0.2} defaultValue={0.05} required />
      </label>
      <fieldset>
        <legend>
          Guardrails (end early if the canary is significantly worse; alpha 0.01 in all, spent over the looks)
        </legend>
        {METRIC_NAMES.filter((value) => value !== metric).map((value) => (
          <label key={value} className="inline">
            <input type="checkbox" name="guardrails" value={value} defaultChecked={value === 'error-rate'} />{' '}
            {value}
          </label>
        ))}
      </fieldset>
      <label>
        Reason
        <textarea
          name="reason"
          required
          maxLength={2000}
          placeholder="Do terse answers please customers more?"
        />
      </label>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Starting…' : 'Start experiment'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
