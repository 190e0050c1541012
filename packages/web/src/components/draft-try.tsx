import { useState } from 'react';
import { type ApiError, api } from '../api/client.ts';
import type { RunResult } from '../api/types.ts';
import { ErrorNote } from './error-note.tsx';
import { RunResultView } from './run-result-view.tsx';

/**
 * "Try it" on the editor's draft: runs the checked, unsaved content through the runtime
 * (`POST /api/runs` with `draft: {content}`, which needs `version-create` on the name) and shows
 * the result as a version's "try it" does. The editor shows it only to those who may create versions.
 */
export function DraftTry({
  name,
  content,
  variables,
  blocked,
}: {
  name: string;
  /** The draft's content as `POST /api/drafts/check` returned it; undefined while the file has problems. */
  content: Record<string, unknown> | undefined;
  variables: Record<string, unknown>;
  /** Why it cannot run yet (variables that do not fit the schema), or undefined. */
  blocked?: string;
}) {
  const [result, setResult] = useState<RunResult | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [running, setRunning] = useState(false);

  async function run() {
    if (!content) return;
    setRunning(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api<RunResult>('/api/runs', { body: { prompt: name, variables, draft: { content } } }));
    } catch (failure) {
      setError(failure as ApiError);
    } finally {
      setRunning(false);
    }
  }

  return (
    <div data-testid="draft-try" style={{ marginTop: '0.75rem' }}>
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => void run()}
          disabled={running || !content || blocked !== undefined}
        >
          {running ? 'Running…' : 'Try it'}
        </button>
        <span className="muted small">
          {blocked ?? 'Runs the unsaved draft through the runtime, with its guards and budgets.'}
        </span>
      </div>
      <div style={{ marginTop: '0.75rem' }}>
        <ErrorNote error={error} />
        {result && <RunResultView result={result} />}
      </div>
    </div>
  );
}
