import { useEffect, useState } from 'react';
import { type ApiError, api } from '../api/client.ts';
import type { ArtifactKind } from '../api/types.ts';
import { ErrorNote } from './error-note.tsx';
import { SideBySideDiff } from './side-by-side-diff.tsx';

type Side = { version: number } | { environment: string };

interface DiffAnswer {
  fields: { field: string; change: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown }[];
  rendered: { lines: string[] } | { unavailable: string } | null;
}

const sideLabel = (side: Side) => ('version' in side ? `v${side.version}` : side.environment);

/** `POST /api/diffs`: which fields changed between two versions, and the rendered prompt side by side. */
export function VersionDiff({
  kind,
  name,
  from,
  to,
}: {
  kind: ArtifactKind;
  name: string;
  from: Side;
  to: Side;
}) {
  const [diff, setDiff] = useState<DiffAnswer | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const key = JSON.stringify([kind, name, from, to]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key holds every input
  useEffect(() => {
    let current = true;
    setDiff(undefined);
    setError(undefined);
    api<DiffAnswer>('/api/diffs', { body: { kind, name, from, to } }).then(
      (answer) => current && setDiff(answer),
      (failure: ApiError) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [key]);
  if (error) return <ErrorNote error={error} />;
  if (!diff) return <p className="muted">Comparing…</p>;
  const changed = diff.fields.filter(
    (field) => !field.field.startsWith('template') && field.field !== 'messages',
  );
  return (
    <div>
      {diff.fields.length === 0 ? (
        <p className="muted">The two versions have the same content.</p>
      ) : (
        <>
          <h3>Fields</h3>
          <ul className="field-changes">
            {changed.map((field) => (
              <li key={field.field}>
                <code>{field.field}</code> {field.change}
                {field.change === 'changed' &&
                  !Array.isArray(field.before) &&
                  typeof field.before !== 'object' && (
                    <>
                      : <code>{String(field.before)}</code> → <code>{String(field.after)}</code>
                    </>
                  )}
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.rendered && 'lines' in diff.rendered && (
        <>
          <h3>Rendered prompt</h3>
          <SideBySideDiff lines={diff.rendered.lines} left={sideLabel(from)} right={sideLabel(to)} />
        </>
      )}
      {diff.rendered && 'unavailable' in diff.rendered && (
        <p className="muted">{diff.rendered.unavailable}</p>
      )}
    </div>
  );
}
