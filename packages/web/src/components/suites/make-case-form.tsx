import { type FormEvent, useState } from 'react';
import { ApiError, api, query } from '../../api/client.ts';
import { failureReason, type PromptSuite, type SuiteRunReport } from '../../api/suite-types.ts';
import { useApi } from '../../use-api.ts';
import { ErrorNote } from '../error-note.tsx';
import { GuideLink } from '../guide-link.tsx';

/** What the reviewer expects instead, as a suite assertion or an expected class. */
const EXPECTATIONS = {
  'not-icontains': 'The answer must not contain',
  icontains: 'The answer must contain',
  'not-regex': 'The answer must not match (regular expression)',
  'llm-rubric': 'A judge checks that the answer',
  expected_class: 'The expected class is',
} as const;
type Expectation = keyof typeof EXPECTATIONS;

interface Proposed {
  id: number;
  case: { id: string };
  suite: string;
}

/** Where a case comes from: a review-queue sample, or a case that failed in a recorded suite run. */
export interface CaseOrigin {
  prompt: string;
  version: number;
  from: { sample: number } | { evalCase: { prompt: string; version: number; suite: string; case: string } };
  /** Where the answer was given (a sample's environment): the new case is tried there. */
  environment?: string | null;
  /** How the form names the case's variables: "this run's redacted input". */
  variables: string;
}

/**
 * Turns a bad answer into an eval case (issue 10, item 1): a sampled live answer or a failed suite
 * case. The reviewer picks the suite and says what the answer should have done (`POST
 * /api/eval-cases`). The case is then run at once on the version that gave the answer, so the
 * reviewer sees it fail there, which is what makes it a test of this bad answer.
 */
export function MakeCaseForm({ origin, onClose }: { origin: CaseOrigin; onClose(): void }) {
  const suites = useApi<{ suites: PromptSuite[] }>(`/api/suites${query({ prompt: origin.prompt })}`);
  const [kind, setKind] = useState<Expectation>('not-icontains');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<{ proposed: Proposed; report?: SuiteRunReport; runError?: ApiError }>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = String(form.get('value') ?? '').trim();
    const suite = String(form.get('suite'));
    const id = String(form.get('id') ?? '').trim();
    const expected =
      kind === 'expected_class'
        ? { expected_class: value }
        : { assert: [kind === 'llm-rubric' ? { type: kind, value, threshold: 0.8 } : { type: kind, value }] };
    setBusy(true);
    setError(undefined);
    try {
      const proposed = await api<Proposed>('/api/eval-cases', {
        body: {
          from: origin.from,
          suite,
          expected,
          description: String(form.get('description')).trim(),
          ...(id !== '' && { id }),
        },
      });
      setMade({ proposed });
      try {
        const report = await api<SuiteRunReport>('/api/eval-runs', {
          body: {
            prompt: origin.prompt,
            version: origin.version,
            ...(origin.environment && { environment: origin.environment }),
            suites: [suite],
            only: { proposed: [proposed.id] },
          },
        });
        setMade({ proposed, report });
      } catch (failure) {
        setMade({ proposed, runError: failure as ApiError });
      }
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'network', String(failure)));
    } finally {
      setBusy(false);
    }
  }

  if (made) {
    const result = made.report?.suites[0]?.proposed[0];
    return (
      <div className="card make-case" data-testid="case-made">
        <p>
          Proposed case <strong>#{made.proposed.id}</strong> <code>{made.proposed.case.id}</code> for{' '}
          <strong>{made.proposed.suite}</strong>.
        </p>
        {result && !result.pass && (
          <p className="bad-text" data-testid="case-made-result">
            It fails on v{origin.version}, as it should: {failureReason(result)}
          </p>
        )}
        {result?.pass && (
          <p className="warn-text" data-testid="case-made-result">
            It passes on v{origin.version}: it would not catch this answer. Check the expectation.
          </p>
        )}
        <ErrorNote error={made.runError} />
        <p className="muted small">
          It now runs beside {made.proposed.suite} in the editor and on change requests, apart from the
          suite's figures, until someone writes it into the suite's file (
          <code>
            promptops evals add-case {made.proposed.suite} --from-candidate {made.proposed.id}
          </code>
          ) or dismisses it.
        </p>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    );
  }
  const list = suites.data?.suites ?? [];
  return (
    <form className="card form-grid make-case" onSubmit={submit} data-testid="make-case">
      <div className="section-head">
        <h3 style={{ margin: 0 }}>Make an eval case from this answer</h3>
        <GuideLink step="feedback-to-case" />
      </div>
      <ErrorNote error={suites.error} />
      {suites.data && list.length === 0 && (
        <p className="notice small">No suite under evals/ targets {origin.prompt}: write one first.</p>
      )}
      <label>
        Suite
        <select name="suite" required>
          {list.map((suite) => (
            <option key={suite.name} value={suite.name}>
              {suite.name} ({suite.cases} cases)
            </option>
          ))}
        </select>
      </label>
      <label>
        What went wrong (the case's description)
        <input name="description" required maxLength={2000} placeholder="Invents a discount code" />
      </label>
      <label>
        Expected instead
        <select value={kind} onChange={(event) => setKind(event.target.value as Expectation)}>
          {Object.entries(EXPECTATIONS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {kind === 'llm-rubric' ? 'Rubric' : kind === 'expected_class' ? 'Class' : 'Text'}
        <input name="value" required maxLength={2000} />
      </label>
      <label>
        Case id (optional)
        <input
          name="id"
          maxLength={100}
          pattern="[A-Za-z0-9][A-Za-z0-9_.\-]*"
          placeholder="made from the run"
        />
      </label>
      <p className="muted small">The case's variables are {origin.variables}.</p>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || list.length === 0}>
          {busy ? 'Making the case…' : 'Make eval case'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
