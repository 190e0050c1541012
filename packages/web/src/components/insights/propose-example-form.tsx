import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, namePath } from '../../api/client.ts';
import type { Sample } from '../../api/insight-types.ts';
import type { ArtifactDetail } from '../../api/types.ts';
import { useApi } from '../../use-api.ts';
import { ErrorNote } from '../error-note.tsx';

interface Proposed {
  changeRequest: { id: number; name: string; version: number };
}

/**
 * Proposes a sampled live answer as a few-shot example (issue 10, item 1): the prompt's example
 * bank gets a new version with the example appended, through a change request, so the bank's own
 * review decides (`POST /api/examples/proposals`, example-propose). The reviewer may correct the
 * answer first: an example should show the answer the model ought to give.
 */
export function ProposeExampleForm({ sample, onClose }: { sample: Sample; onClose(): void }) {
  const prompt = useApi<ArtifactDetail>(
    `/api/artifacts/prompt/${namePath(sample.prompt)}?version=${sample.version}`,
  );
  const bank = (prompt.data?.version.content.examples as { bank?: string } | undefined)?.bank;
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [proposed, setProposed] = useState<Proposed | undefined>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!bank) return;
    const form = new FormData(event.currentTarget);
    const notes = String(form.get('notes') ?? '').trim();
    setBusy(true);
    setError(undefined);
    try {
      setProposed(
        await api<Proposed>('/api/examples/proposals', {
          body: {
            from: { sample: sample.id },
            bank,
            output: String(form.get('output')),
            ...(notes !== '' && { notes }),
          },
        }),
      );
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'network', String(failure)));
    } finally {
      setBusy(false);
    }
  }

  if (proposed) {
    return (
      <div className="card make-case" data-testid="example-proposed">
        <p>
          Proposed as an example in <strong>{proposed.changeRequest.name}</strong> v
          {proposed.changeRequest.version}:{' '}
          <Link to={`/changes/${proposed.changeRequest.id}`}>
            change request #{proposed.changeRequest.id}
          </Link>
          , for the bank's review.
        </p>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    );
  }
  return (
    <form className="card form-grid make-case" onSubmit={submit} data-testid="propose-example">
      <h3 style={{ margin: 0 }}>Propose as a few-shot example</h3>
      <ErrorNote error={prompt.error} />
      {prompt.data && !bank && (
        <p className="notice small">
          {sample.prompt} v{sample.version} draws no few-shot examples from a bank (its{' '}
          <code>examples.bank</code>).
        </p>
      )}
      {bank && (
        <p className="small">
          Into <strong>{bank}</strong>, through a change request on the bank. The example's input is this
          run's redacted input.
        </p>
      )}
      <label>
        The answer the model should give
        <textarea name="output" rows={4} required maxLength={20_000} defaultValue={sample.output ?? ''} />
      </label>
      <label>
        Notes (optional)
        <input name="notes" maxLength={2000} placeholder="Why this is a good example" />
      </label>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !bank}>
          {busy ? 'Proposing…' : 'Propose example'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
