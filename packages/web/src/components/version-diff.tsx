import { useEffect, useState } from 'react';
import { type ApiError, api } from '../api/client.ts';
import type { ArtifactKind } from '../api/types.ts';
import { ErrorNote } from './error-note.tsx';
import { SideBySideDiff } from './side-by-side-diff.tsx';

interface FieldChange {
  field: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  /** Text fields: the line diff. */
  lines?: string[];
}

type Side = { version: number } | { environment: string };

interface DiffAnswer {
  fields: FieldChange[];
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
  return (
    <div>
      {diff.fields.length === 0 ? (
        <p className="muted">The two versions have the same content.</p>
      ) : (
        <>
          <h3>Fields</h3>
          <ul className="field-changes">
            {diff.fields.map((field) => (
              <li key={field.field}>
                <code>{field.field}</code> {field.change}
                <FieldValues field={field} />
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

const SHORT = 60;
const shortValue = (value: unknown) =>
  value === undefined || value === null || typeof value !== 'object'
    ? String(value).length <= SHORT
    : JSON.stringify(value).length <= SHORT;
const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** A field's old and new value when they are short; a text field's own line diff when it has one. */
function FieldValues({ field }: { field: FieldChange }) {
  if (field.lines) {
    return (
      <details>
        <summary className="small">line by line</summary>
        <SideBySideDiff lines={field.lines} left="before" right="after" testId="field-diff" />
      </details>
    );
  }
  if (!shortValue(field.before) || !shortValue(field.after)) return null;
  if (field.change === 'added')
    return (
      <>
        : <code>{show(field.after)}</code>
      </>
    );
  if (field.change === 'removed')
    return (
      <>
        : <code>{show(field.before)}</code>
      </>
    );
  return (
    <>
      : <code>{show(field.before)}</code> → <code>{show(field.after)}</code>
    </>
  );
}
