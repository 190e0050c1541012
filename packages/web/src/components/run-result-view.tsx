import type { RunResult } from '../api/types.ts';
import { formatCost } from './format.ts';

/** A run's outcome as "try it" shows it: status, output, guard verdicts, cost and latency. */
export function RunResultView({ result }: { result: RunResult }) {
  const good = result.status === 'ok';
  return (
    <div className="card" data-testid="run-result">
      <div className="actions">
        <span
          className={`badge ${good ? 'good' : result.status === 'failed' || result.status === 'blocked' ? 'bad' : 'warn'}`}
        >
          {result.status}
        </span>
        <span className="muted small mono">run {result.runId}</span>
      </div>
      <dl className="stats">
        <div>
          <dt>Version</dt>
          <dd>{result.arm === 'draft' ? 'draft' : `v${result.version ?? '—'}`}</dd>
        </div>
        <div>
          <dt>Model</dt>
          <dd>{result.model ?? '—'}</dd>
        </div>
        <div>
          <dt>Latency</dt>
          <dd>{Math.round(result.latencyMs)} ms</dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{formatCost(result.cost)}</dd>
        </div>
        {result.usage && (
          <div>
            <dt>Tokens in / out</dt>
            <dd>
              {result.usage.inputTokens} / {result.usage.outputTokens}
            </dd>
          </div>
        )}
        {result.confidence !== undefined && (
          <div>
            <dt>Confidence</dt>
            <dd>
              {result.confidence} {result.decision && <span className="muted">({result.decision})</span>}
            </dd>
          </div>
        )}
      </dl>
      {result.reason && <p className="notice">{result.reason}</p>}
      <h3>Output</h3>
      <div className="message">
        <pre data-testid="run-output">
          {result.parsed !== undefined && result.parsed !== null
            ? JSON.stringify(result.parsed, null, 2)
            : (result.output ?? '(no output)')}
        </pre>
      </div>
      <h3>Guard verdicts</h3>
      {result.verdicts.length === 0 ? (
        <p className="muted small">Every guard allowed this run.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Stage</th>
                <th>Guard</th>
                <th>Action</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {result.verdicts.map((verdict, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: verdicts have no id
                <tr key={index}>
                  <td>{verdict.stage}</td>
                  <td>{verdict.guard}</td>
                  <td>{verdict.action}</td>
                  <td>{verdict.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.warnings.length > 0 && (
        <ul className="small muted">
          {result.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
