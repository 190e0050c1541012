import { useState } from 'react';
import { ApiError, api, query } from '../../api/client.ts';
import type { PromptSuite, SuiteRunReport } from '../../api/suite-types.ts';
import { useApi } from '../../use-api.ts';
import { ErrorNote } from '../error-note.tsx';
import { GuideLink } from '../guide-link.tsx';
import { SuiteRunView } from './suite-run-view.tsx';

/**
 * The editor's sandbox against the suites (issue 10): the prompt's suites, with the cases proposed
 * from production waiting beside them, run on the server on the unsaved draft (`POST /api/eval-runs`
 * with `draft`). Nothing is recorded and production is untouched: the runs are arm `draft`.
 */
export function SuitesPanel({
  name,
  content,
  blocked,
}: {
  name: string;
  /** The checked draft's content; undefined while the file has problems. */
  content: Record<string, unknown> | undefined;
  blocked?: string;
}) {
  const suites = useApi<{ suites: PromptSuite[] }>(`/api/suites${query({ prompt: name })}`);
  const [report, setReport] = useState<SuiteRunReport | undefined>();
  /** The content the report was made from: an edit since makes it stale. */
  const [ranOn, setRanOn] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [running, setRunning] = useState(false);
  const run = async () => {
    if (!content) return;
    setRunning(true);
    setError(undefined);
    try {
      setReport(await api<SuiteRunReport>('/api/eval-runs', { body: { prompt: name, draft: { content } } }));
      setRanOn(JSON.stringify(content));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'network', String(failure)));
    } finally {
      setRunning(false);
    }
  };
  const list = suites.data?.suites ?? [];
  const proposed = list.reduce((sum, suite) => sum + suite.proposed.length, 0);
  return (
    <section className="card" data-testid="suites-panel">
      <div className="section-head">
        <h2 style={{ margin: 0 }}>Suites on the draft</h2>
        <GuideLink step="evaluations" />
      </div>
      <ErrorNote error={suites.error} />
      {suites.data && list.length === 0 && (
        <p className="muted small">No suite under evals/ targets {name} yet.</p>
      )}
      {list.length > 0 && (
        <ul className="small">
          {list.map((suite) => (
            <li key={suite.name}>
              <strong>{suite.name}</strong> · {suite.cases} cases
              {suite.repeat > 1 ? ` × ${suite.repeat}` : ''}
              {suite.proposed.length > 0 && (
                <span className="badge warn" style={{ marginLeft: '0.4rem' }}>
                  +{suite.proposed.length} proposed from production
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={running || !content || list.length === 0 || blocked !== undefined}
          onClick={() => void run()}
        >
          {running ? 'Running suites…' : 'Run suites on the draft'}
        </button>
        {!content && <span className="muted small">Waiting for a valid check of the draft…</span>}
        {proposed > 0 && !report && (
          <span className="muted small">Proposed cases run too, apart from the suite's figures.</span>
        )}
      </div>
      <p className="muted small">
        Runs every case through the runtime on your unsaved draft: nothing is recorded and production is
        untouched.
      </p>
      <ErrorNote error={error} />
      {report && ranOn !== JSON.stringify(content) && (
        <p className="notice small" data-testid="suite-run-stale">
          The draft changed since these results: run the suites again to see its own.
        </p>
      )}
      {report && (
        <div className={ranOn !== JSON.stringify(content) ? 'stale' : undefined}>
          <SuiteRunView report={report} label="the draft" />
        </div>
      )}
    </section>
  );
}
