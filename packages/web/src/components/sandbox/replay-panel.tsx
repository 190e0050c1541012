import { useRef, useState } from 'react';
import type {
  ReplayItem,
  ReplayResult,
  SideFigures,
} from '../../../../promptops/src/evaluation/sandbox/replay-types.ts';
import { type ApiError, api, namePath } from '../../api/client.ts';
import type { ArtifactDetail } from '../../api/types.ts';
import { useApi } from '../../use-api.ts';
import { ErrorNote } from '../error-note.tsx';

const LIMITS = [10, 25, 50, 100, 200];

/**
 * Replays recent live runs through the editor's draft in the sandbox (issue 10, item 4;
 * docs/sandbox.md): the author picks an environment and how many runs, `POST /api/sandbox/replay`
 * runs the newest runs that kept their redacted input through the checked draft, and the panel
 * shows the summary (status changes, tokens, cost, p50 latency before → after) and each pair, live
 * against draft, changed ones first. Nothing in production is touched: the draft runs are recorded
 * under the sandbox environment and call no tool. Needs version-create and run-read on the prompt
 * (the server says 403 otherwise).
 */
export function ReplayPanel({
  name,
  content,
}: {
  name: string;
  /** The draft's content as `POST /api/drafts/check` returned it; undefined while the file has problems. */
  content: Record<string, unknown> | undefined;
}) {
  const detail = useApi<ArtifactDetail>(`/api/artifacts/prompt/${namePath(name)}`);
  const deployed = detail.data?.artifact.deployments.map((deployment) => deployment.environment) ?? [];
  const [chosen, setChosen] = useState<string | undefined>();
  const environment =
    chosen ?? (deployed.includes('production') ? 'production' : deployed[0]) ?? 'production';
  const [limit, setLimit] = useState(50);
  const [replay, setReplay] = useState<ReplayResult | undefined>();
  /** The content the replay ran: an edit since makes its pairs stale. */
  const [ranOn, setRanOn] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | undefined>(undefined);

  async function run() {
    if (!content) return;
    controller.current = new AbortController();
    setRunning(true);
    setError(undefined);
    setReplay(undefined);
    try {
      setReplay(
        await api<ReplayResult>('/api/sandbox/replay', {
          body: { prompt: name, draft: { content }, from: { environment, limit } },
          signal: controller.current.signal,
        }),
      );
      setRanOn(JSON.stringify(content));
    } catch (failure) {
      if (!controller.current.signal.aborted) setError(failure as ApiError);
    } finally {
      setRunning(false);
    }
  }

  return (
    <div data-testid="replay-panel" style={{ marginTop: '0.75rem' }}>
      <div className="actions">
        <label className="inline">
          Live runs from
          <select
            value={environment}
            onChange={(event) => setChosen(event.target.value)}
            disabled={running}
            aria-label="environment"
          >
            {[...new Set([environment, ...deployed])].map((each) => (
              <option key={each}>{each}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          newest
          <select
            value={limit}
            onChange={(event) => setLimit(Number(event.target.value))}
            disabled={running}
            aria-label="limit"
          >
            {LIMITS.map((each) => (
              <option key={each} value={each}>
                {each}
              </option>
            ))}
          </select>
        </label>
        {running ? (
          <button type="button" onClick={() => controller.current?.abort()}>
            Stop
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void run()} disabled={!content}>
            Replay through the draft
          </button>
        )}
        <span className="muted small">
          {running
            ? 'Replaying…'
            : content
              ? 'Runs them again through the unsaved draft in the sandbox: recorded apart from production, no tool is called, budgets count the cost.'
              : 'Fix the problems in the file first.'}
        </span>
      </div>
      <div style={{ marginTop: '0.75rem' }}>
        <ErrorNote error={error} />
        {replay && ranOn !== JSON.stringify(content) && (
          <p className="notice small">
            The draft changed since this replay: replay again to see its own answers.
          </p>
        )}
        {replay && (
          <div className={ranOn !== JSON.stringify(content) ? 'stale' : undefined}>
            <ReplayView replay={replay} />
          </div>
        )}
      </div>
    </div>
  );
}

function ReplayView({ replay }: { replay: ReplayResult }) {
  const { summary } = replay;
  return (
    <div data-testid="replay-result">
      <dl className="stats">
        <div>
          <dt>Replayed</dt>
          <dd>{summary.replayed}</dd>
        </div>
        <div>
          <dt>Changed</dt>
          <dd>{summary.changed}</dd>
        </div>
        <div>
          <dt>Status changes</dt>
          <dd>
            {summary.statusChanges.length === 0
              ? 'none'
              : summary.statusChanges
                  .map((change) => `${change.from} → ${change.to} ×${change.count}`)
                  .join(', ')}
          </dd>
        </div>
        <div>
          <dt>Tokens in (mean)</dt>
          <dd>{pair(summary.live, summary.draft, (side) => side.meanInputTokens, tokens)}</dd>
        </div>
        <div>
          <dt>Tokens out (mean)</dt>
          <dd>{pair(summary.live, summary.draft, (side) => side.meanOutputTokens, tokens)}</dd>
        </div>
        <div>
          <dt>Cost (total)</dt>
          <dd>{pair(summary.live, summary.draft, (side) => side.totalCost, usd)}</dd>
        </div>
        <div>
          <dt>Latency p50</dt>
          <dd>{pair(summary.live, summary.draft, (side) => side.p50LatencyMs, milliseconds)}</dd>
        </div>
      </dl>
      {summary.aborted && <p className="notice">Stopped: the figures cover the runs that finished.</p>}
      {replay.skipped.map((skip) => (
        <p key={skip.reason} className="muted small">
          Skipped {skip.count}: {skip.reason}
        </p>
      ))}
      {replay.items.length === 0 ? (
        <p className="empty">
          No live run of {replay.prompt} in {replay.environment} kept its input to replay.
        </p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Live run</th>
                <th>Live</th>
                <th>Draft</th>
              </tr>
            </thead>
            <tbody>
              {replay.items.map((item) => (
                <PairRow key={item.live.runId} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function PairRow({ item }: { item: ReplayItem }) {
  return (
    <tr data-testid="replay-pair" data-changed={item.changed}>
      <td className="mono small">
        {item.live.runId.slice(0, 8)}
        {item.changed && (
          <>
            <br />
            <span className="badge">changed</span>
          </>
        )}
      </td>
      <td>
        <strong>{item.live.status}</strong>
        <div className="pre small">{item.live.output ?? '(output not kept)'}</div>
        {item.live.reason && <div className="muted small">{item.live.reason}</div>}
      </td>
      <td>
        <strong>{item.draft.status}</strong>
        <div className="pre small">{item.draft.output}</div>
        {item.draft.reason && <div className="muted small">{item.draft.reason}</div>}
      </td>
    </tr>
  );
}

function pair(
  live: SideFigures,
  draft: SideFigures,
  figure: (side: SideFigures) => number | null,
  format: (value: number) => string,
): string {
  const show = (value: number | null) => (value === null ? 'n/a' : format(value));
  return `${show(figure(live))} → ${show(figure(draft))}`;
}

const tokens = (value: number) => value.toFixed(1);
const usd = (value: number) => `$${value.toFixed(4)}`;
const milliseconds = (value: number) => `${Math.round(value)} ms`;
