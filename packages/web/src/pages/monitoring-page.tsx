import { useState } from 'react';
import { useParams } from 'react-router';
import { namePath, query } from '../api/client.ts';
import type { RunStats } from '../api/insight-types.ts';
import type { ArtifactDetail } from '../api/types.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { GuideLink } from '../components/guide-link.tsx';
import { AlertList } from '../components/insights/alert-list.tsx';
import { BudgetBars } from '../components/insights/budget-bars.tsx';
import { dollars, percent } from '../components/insights/format-insights.ts';
import { PromptPicker } from '../components/insights/prompt-picker.tsx';
import { ReviewQueue } from '../components/insights/review-queue.tsx';
import { RunCharts } from '../components/insights/run-charts.tsx';
import { usePermissions } from '../session.tsx';
import { useApi } from '../use-api.ts';
import '../components/insights/insights.css';

/**
 * Monitoring (issue 8, item 7): a prompt's live runs over time — latency p50/p99, error and
 * escalation rates, guard triggers and cost per hour or day, in total or per version and arm — with
 * its budgets' use, its alert states and the review queue of sampled runs that reviewers rate.
 */
export function MonitoringPage() {
  const name = useParams()['*'] ?? '';
  return (
    <div className="insights">
      <div className="page-head">
        <h1>Monitoring</h1>
        <PromptPicker base="/monitoring" current={name} />
        <GuideLink step="monitoring" />
      </div>
      {name === '' ? (
        <p className="muted">Choose a prompt to see its live runs, alerts, budgets and review queue.</p>
      ) : (
        <PromptMonitoring key={name} name={name} />
      )}
    </div>
  );
}

function PromptMonitoring({ name }: { name: string }) {
  const [timeWindow, setTimeWindow] = useState(() => windowOf('6h'));
  const [environment, setEnvironment] = useState('');
  const [split, setSplit] = useState(true);
  const detail = useApi<ArtifactDetail>(`/api/artifacts/prompt/${namePath(name)}`);
  const stats = useApi<RunStats>(
    `/api/runs/stats${query({ prompt: name, environment, bucket: timeWindow.bucket, since: timeWindow.since })}`,
  );
  const permissions = usePermissions(name);
  const environments = detail.data?.artifact.deployments.map((deployment) => deployment.environment) ?? [];
  return (
    <>
      <search className="filters">
        <label className="inline">
          Environment
          <select value={environment} onChange={(event) => setEnvironment(event.target.value)}>
            <option value="">all</option>
            {environments.map((each) => (
              <option key={each}>{each}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          Window
          <select
            value={timeWindow.choice}
            onChange={(event) => setTimeWindow(windowOf(event.target.value as WindowChoice))}
          >
            <option value="6h">6 hours, per hour</option>
            <option value="48h">48 hours, per hour</option>
            <option value="30d">30 days, per day</option>
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={split} onChange={(event) => setSplit(event.target.checked)} />
          per version and arm
        </label>
      </search>
      <ErrorNote error={stats.error ?? detail.error} />
      {stats.data && <Summary stats={stats.data} />}
      {stats.data && <RunCharts stats={stats.data} split={split} />}
      <div className="insight-columns">
        <AlertList prompt={name} />
        <BudgetBars prompt={name} owner={detail.data?.artifact.owner ?? null} />
      </div>
      {permissions.loaded && <ReviewQueue prompt={name} canRate={permissions.can('sample-rate')} />}
    </>
  );
}

type WindowChoice = '6h' | '48h' | '30d';

/** A window's bucket size and start, fixed when it is chosen (so the query stays the same until then). */
function windowOf(choice: WindowChoice): { choice: WindowChoice; bucket: 'hour' | 'day'; since: string } {
  const hour = 3_600_000;
  const span = { '6h': 6 * hour, '48h': 48 * hour, '30d': 30 * 24 * hour }[choice];
  // Whole buckets ending with the current one.
  const size = choice === '30d' ? 24 * hour : hour;
  const since = Math.floor((Date.now() - span) / size + 1) * size;
  return { choice, bucket: choice === '30d' ? 'day' : 'hour', since: new Date(since).toISOString() };
}

/** The window in figures: runs, error and escalation rates, guard triggers and known cost. */
function Summary({ stats }: { stats: RunStats }) {
  const sum = (pick: (point: RunStats['totals'][number]) => number) =>
    stats.totals.reduce((total, point) => total + pick(point), 0);
  const runs = sum((point) => point.runs);
  const unpriced = sum((point) => point.unpricedRuns);
  const share = (count: number) => (runs === 0 ? '—' : percent(count / runs));
  return (
    <dl className="tiles" data-testid="run-summary">
      <div>
        <dt>Runs</dt>
        <dd>{runs}</dd>
      </div>
      <div>
        <dt>Errors</dt>
        <dd>{share(sum((point) => point.failed))}</dd>
      </div>
      <div>
        <dt>Escalated</dt>
        <dd>{share(sum((point) => point.escalated))}</dd>
      </div>
      <div>
        <dt>Blocked</dt>
        <dd>{share(sum((point) => point.blocked))}</dd>
      </div>
      <div>
        <dt>Guard triggers</dt>
        <dd>{sum((point) => point.guardTriggered)}</dd>
      </div>
      <div>
        <dt>Cost</dt>
        <dd>
          {dollars(sum((point) => point.costUsd ?? 0))}
          {unpriced > 0 && <span className="muted small"> + {unpriced} unpriced</span>}
        </dd>
      </div>
    </dl>
  );
}
