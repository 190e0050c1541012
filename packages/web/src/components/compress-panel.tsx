import { useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { CompressResult, CompressSuggestion } from '../api/compress-types.ts';
import { ErrorNote } from './error-note.tsx';
import { GuideLink } from './guide-link.tsx';

/**
 * The editor's "Suggest shorter wording" (issue 10, item 3): the draft's file text sent to
 * `POST /api/drafts/compress` (`promptops compress`'s rules, docs/compress.md), each shorter field
 * before and after with the tokens it saves and the total, and "Apply to the draft", which hands
 * the shorter file text to `onApply`. Nothing is saved. A suggestion made from an older text is
 * not applied (it would undo the edits since): the panel asks to suggest again.
 *
 * @example
 * <CompressPanel name="support/assistant" text={text} onApply={(next) => replaceDocument(next)} />
 */
export function CompressPanel({
  name,
  text,
  onApply,
}: {
  name: string;
  /** The editor's file text; undefined while there is none to compress. */
  text: string | undefined;
  onApply(text: string): void;
}) {
  const [result, setResult] = useState<{ from: string; answer: CompressResult } | undefined>();
  const [applied, setApplied] = useState<{ saved: number } | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [running, setRunning] = useState(false);

  const suggest = async () => {
    if (text === undefined) return;
    setRunning(true);
    setError(undefined);
    setApplied(undefined);
    try {
      const answer = await api<CompressResult>('/api/drafts/compress', { body: { name, text } });
      setResult({ from: text, answer });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'network', String(failure)));
    } finally {
      setRunning(false);
    }
  };

  const answer = result?.answer;
  const stale = result !== undefined && result.from !== text;
  const apply = () => {
    if (!answer?.ok || stale) return;
    onApply(answer.text);
    setApplied({ saved: answer.tokens.before - answer.tokens.after });
    setResult(undefined);
  };

  return (
    <section className="card compress-panel" data-testid="compress-panel">
      <div className="section-head">
        <h2 style={{ margin: 0 }}>Shorter wording</h2>
        <GuideLink step="compress" />
      </div>
      <div className="actions">
        <button type="button" disabled={running || text === undefined} onClick={() => void suggest()}>
          {running ? 'Looking for shorter wording…' : 'Suggest shorter wording'}
        </button>
      </div>
      <ErrorNote error={error} />
      {applied && (
        <p className="success small" data-testid="compress-applied">
          Applied to the draft: {applied.saved} template tokens fewer. Now run the suites on the draft to
          prove it does as well.
        </p>
      )}
      {answer && !answer.ok && (
        <p className="muted small">Fix the file's problems first: the suggestions need a valid prompt.</p>
      )}
      {answer?.ok && answer.suggestions.length === 0 && (
        <p className="muted small" data-testid="compress-nothing">
          No shorter wording found. The rules only remove padding (fillers, politeness, wordy phrases,
          repeated instructions); they do not restructure.
        </p>
      )}
      {answer?.ok && answer.suggestions.length > 0 && (
        <>
          <ul className="compress-suggestions">
            {answer.suggestions.map((suggestion) => (
              <Suggestion key={suggestion.field} suggestion={suggestion} />
            ))}
          </ul>
          <p className="compress-total" data-testid="compress-total">
            <strong>
              {answer.tokens.before} → {answer.tokens.after} template tokens (
              {savedText(answer.tokens.before, answer.tokens.after)})
            </strong>
            {answer.tokens.rendered && (
              <span className="muted small">
                {' '}
                · one rendered request {answer.tokens.rendered.before} → {answer.tokens.rendered.after}
              </span>
            )}
          </p>
          {answer.rejected.length > 0 && (
            <details className="small">
              <summary>{answer.rejected.length} rewrites left out</summary>
              <ul>
                {answer.rejected.map((rejected) => (
                  <li key={`${rejected.field}:${rejected.source}`}>
                    <code>{rejected.field}</code>: {rejected.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div className="actions">
            <button type="button" className="primary" disabled={stale} onClick={apply}>
              Apply to the draft
            </button>
            {stale && <span className="muted small">The draft changed since: suggest again.</span>}
          </div>
        </>
      )}
      <p className="muted small">
        Fewer tokens is only a saving if the prompt does as well: the proof is running the suites on the draft
        (<em>Run suites on the draft</em>, beside this) after applying, and the change request comparing it
        with the version in production. Nothing is saved until you propose.
      </p>
    </section>
  );
}

function Suggestion({ suggestion }: { suggestion: CompressSuggestion }) {
  return (
    <li data-testid="compress-suggestion">
      <div className="compress-field">
        <code>{suggestion.field}</code>{' '}
        <span className="badge good">
          −{suggestion.tokensBefore - suggestion.tokensAfter} tokens ({suggestion.tokensBefore} →{' '}
          {suggestion.tokensAfter})
        </span>{' '}
        <span className="muted small">{suggestion.rules.join(', ')}</span>
      </div>
      <div className="compress-before pre">{suggestion.before}</div>
      <div className="compress-after pre">
        {suggestion.after === '' ? <em>(removed: it repeats an earlier instruction)</em> : suggestion.after}
      </div>
    </li>
  );
}

/** "−11 tokens, 2%". */
function savedText(before: number, after: number): string {
  const saved = before - after;
  const share = before > 0 ? Math.round((saved / before) * 100) : 0;
  return `−${saved} tokens, ${share}%`;
}
