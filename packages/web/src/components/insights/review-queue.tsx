import { useState } from 'react';
import { ApiError, api, query } from '../../api/client.ts';
import type { Sample } from '../../api/insight-types.ts';
import type { Page } from '../../api/types.ts';
import { usePermissions } from '../../session.tsx';
import { useApi } from '../../use-api.ts';
import { ErrorNote } from '../error-note.tsx';
import { actorName, formatTime } from '../format.ts';
import { GuideLink } from '../guide-link.tsx';
import { MakeCaseForm } from '../suites/make-case-form.tsx';
import { ProposeExampleForm } from './propose-example-form.tsx';

/**
 * The review queue of sampled live runs (GET /api/samples): each run's redacted input and output,
 * its online checks and the judge's verdict, and, for reviewers (`sample-rate`), good / bad with a
 * comment. Others see the queue and are told who may rate.
 */
export function ReviewQueue({ prompt, canRate }: { prompt: string; canRate: boolean }) {
  const [show, setShow] = useState<'unrated' | 'rated'>('unrated');
  const permissions = usePermissions(prompt);
  const canPropose = permissions.can('eval-case-propose');
  const canProposeExample = permissions.can('example-propose');
  const samples = useApi<Page<Sample>>(
    `/api/samples${query({ prompt, limit: 20, ...(show === 'unrated' ? { unrated: 'true' } : {}) })}`,
  );
  const items = samples.data?.items.filter((sample) => (show === 'rated' ? sample.rating !== null : true));
  return (
    <section className="card" data-testid="review-queue">
      <div className="section-head">
        <h2>
          Review queue <GuideLink step="review-queue" />
        </h2>
        <div className="segmented">
          <button type="button" aria-pressed={show === 'unrated'} onClick={() => setShow('unrated')}>
            Waiting
          </button>
          <button type="button" aria-pressed={show === 'rated'} onClick={() => setShow('rated')}>
            Rated
          </button>
        </div>
      </div>
      {!canRate && (
        <p className="notice small" data-testid="rating-needs-role">
          Rating sampled runs needs the reviewer role on {prompt}; you can read them.
        </p>
      )}
      <ErrorNote error={samples.error} />
      {items?.length === 0 && (
        <p className="muted">
          {show === 'unrated'
            ? 'No sampled run is waiting for a rating.'
            : 'No sampled run has been rated yet.'}
        </p>
      )}
      <ul className="samples">
        {items?.map((sample) => (
          <SampleItem
            key={sample.id}
            sample={sample}
            canRate={canRate}
            canPropose={canPropose}
            canProposeExample={canProposeExample}
            onRated={samples.reload}
          />
        ))}
      </ul>
    </section>
  );
}

function SampleItem({
  sample,
  canRate,
  canPropose,
  canProposeExample,
  onRated,
}: {
  sample: Sample;
  canRate: boolean;
  /** May turn the answer into an eval case (eval-case-propose, reviewer). */
  canPropose: boolean;
  /** May propose it as a few-shot example (example-propose, reviewer). */
  canProposeExample: boolean;
  onRated(): void;
}) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [making, setMaking] = useState<'case' | 'example' | undefined>();
  const rate = async (rating: 'good' | 'bad') => {
    setBusy(true);
    try {
      await api(`/api/samples/${sample.id}/rating`, {
        body: { rating, ...(comment.trim() !== '' && { comment: comment.trim() }) },
      });
      onRated();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'network', String(failure)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="sample" data-testid={`sample-${sample.id}`}>
      <div className="sample-head">
        <strong>v{sample.version}</strong>
        <span className="badge">{sample.runStatus}</span>
        {sample.environment && <span className="muted small">{sample.environment}</span>}
        <span className="muted small">{formatTime(sample.startedAt)}</span>
        <OnlineVerdict sample={sample} />
      </div>
      <div className="sample-io">
        <div>
          <div className="label-text">Input (redacted)</div>
          <pre className="clip">{sample.input ?? '—'}</pre>
        </div>
        <div>
          <div className="label-text">Output (redacted)</div>
          <pre className="clip">{sample.output ?? '—'}</pre>
        </div>
      </div>
      {sample.judge?.reason && <p className="small muted">Judge: {sample.judge.reason}</p>}
      {sample.rating ? (
        <p className="small" data-testid="sample-rating">
          Rated{' '}
          <span className={`badge ${sample.rating.rating === 'good' ? 'good' : 'bad'}`}>
            {sample.rating.rating}
          </span>{' '}
          by {actorName(sample.rating.by)} {formatTime(sample.rating.at)}
          {sample.rating.comment && <> — “{sample.rating.comment}”</>}
        </p>
      ) : (
        canRate && (
          <div className="rate-row">
            <input
              aria-label={`Comment on sample ${sample.id}`}
              placeholder="Comment (optional)"
              value={comment}
              maxLength={2000}
              onChange={(event) => setComment(event.target.value)}
            />
            <button type="button" className="good-button" disabled={busy} onClick={() => void rate('good')}>
              Good
            </button>
            <button type="button" className="danger" disabled={busy} onClick={() => void rate('bad')}>
              Bad
            </button>
          </div>
        )
      )}
      {!making && (canPropose || canProposeExample) && (
        <div className="actions small">
          {canPropose && (
            <button type="button" className="link" onClick={() => setMaking('case')}>
              Make eval case…
            </button>
          )}
          {canProposeExample && (
            <button type="button" className="link" onClick={() => setMaking('example')}>
              Propose as example…
            </button>
          )}
        </div>
      )}
      {making === 'case' && (
        <MakeCaseForm
          origin={{
            prompt: sample.prompt,
            version: sample.version,
            from: { sample: sample.id },
            environment: sample.environment,
            variables: "this run's redacted input",
          }}
          onClose={() => setMaking(undefined)}
        />
      )}
      {making === 'example' && <ProposeExampleForm sample={sample} onClose={() => setMaking(undefined)} />}
      <ErrorNote error={error} />
    </li>
  );
}

function OnlineVerdict({ sample }: { sample: Sample }) {
  if (sample.scoring.status !== 'scored')
    return <span className="muted small">checks {sample.scoring.status}</span>;
  if (sample.pass === null) return <span className="badge warn">checks unmeasured</span>;
  const failed = sample.assertions.filter((assertion) => assertion.pass === false);
  return sample.pass ? (
    <span className="badge good">checks pass</span>
  ) : (
    <span
      className="badge bad"
      title={failed.map((assertion) => assertion.reason ?? assertion.type).join('\n')}
    >
      checks fail ({failed.length})
    </span>
  );
}
