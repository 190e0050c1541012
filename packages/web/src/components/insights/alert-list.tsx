import { query } from '../../api/client.ts';
import type { Alerts } from '../../api/insight-types.ts';
import { useApi } from '../../use-api.ts';
import { ErrorNote } from '../error-note.tsx';
import { formatTime } from '../format.ts';
import { armLabel } from './format-insights.ts';

const STATE_CLASS: Record<string, string> = { firing: 'bad', pending: 'warn', resolved: 'good', ok: 'good' };

/** Where each alert rule stands for the prompt, per environment, version and arm (GET /api/alerts). */
export function AlertList({ prompt }: { prompt: string }) {
  const alerts = useApi<Alerts>(`/api/alerts${query({ prompt })}`);
  const data = alerts.data;
  return (
    <section className="card" data-testid="alerts">
      <h2>Alerts</h2>
      <ErrorNote error={alerts.error} />
      {data && !data.evaluating && (
        <p className="muted small">This server evaluates no alert rules (it runs no prompts).</p>
      )}
      {data && data.alerts.length === 0 && (
        <p className="muted">
          Nothing to report:{' '}
          {data.rules.length === 0
            ? 'no alert rules in policies.yaml.'
            : 'no rule has judged runs of this prompt yet.'}
        </p>
      )}
      {data && data.alerts.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Rule</th>
                <th>Where</th>
                <th>State</th>
                <th>Last value</th>
              </tr>
            </thead>
            <tbody>
              {data.alerts.map((alert) => (
                <tr key={`${alert.rule} ${alert.environment} ${alert.version} ${alert.arm}`}>
                  <td>
                    {alert.rule}
                    <div className="muted small">
                      <code>{alert.condition}</code> · {alert.severity}
                    </div>
                  </td>
                  <td>
                    {alert.environment ?? '—'} · {armLabel(alert.version, alert.arm)}
                  </td>
                  <td>
                    <span className={`badge ${STATE_CLASS[alert.state] ?? ''}`}>{alert.state}</span>
                    {alert.firedAt && <div className="muted small">since {formatTime(alert.firedAt)}</div>}
                  </td>
                  <td>
                    {alert.value === null ? '—' : round(alert.value)}
                    {alert.threshold !== null && <span className="muted"> / {round(alert.threshold)}</span>}
                    <div className="muted small">{alert.runs} runs</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.rules.length > 0 && (
        <details className="small">
          <summary>{data.rules.length} rules</summary>
          <ul>
            {data.rules.map((rule) => (
              <li key={rule.name}>
                <strong>{rule.name}</strong>: <code>{rule.condition}</code>
                {rule.for && <> for {rule.for}</>} · {rule.severity}
                {rule.action && <> · {rule.action}</>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

const round = (value: number): string =>
  Math.abs(value) >= 100 ? value.toFixed(0) : String(Number(value.toPrecision(3)));
