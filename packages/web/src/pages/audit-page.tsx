import { useState } from 'react';
import { query } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import { ErrorNote } from '../components/error-note.tsx';
import { actorName, formatTime } from '../components/format.ts';
import { useApi } from '../use-api.ts';

interface AuditEntry {
  position: number;
  at: string;
  actor: string;
  action: string;
  targetKind: string | null;
  target: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  hash: string;
}

/** The audit trail, newest first, filtered by actor, action and target, with the chain's verification. */
export function AuditPage() {
  const [filter, setFilter] = useState({ actor: '', action: '', target: '' });
  const [cursor, setCursor] = useState<string | undefined>();
  const entries = useApi<Page<AuditEntry>>(`/api/audit${query({ ...filter, limit: 100, cursor })}`);
  const verify = useApi<{ ok: boolean; entries: number; head: string | null }>('/api/audit/verify');
  const set = (key: keyof typeof filter, value: string) => {
    setCursor(undefined);
    setFilter((old) => ({ ...old, [key]: value.trim() }));
  };
  return (
    <div>
      <div className="page-head">
        <h1>Audit</h1>
        <span data-testid="audit-verify">
          {verify.data ? (
            <span className="badge good">chain verified · {verify.data.entries} entries</span>
          ) : verify.error ? (
            <span className="badge bad">chain broken: {verify.error.message}</span>
          ) : (
            <span className="muted">verifying…</span>
          )}
        </span>
      </div>
      <search className="filters">
        <input
          placeholder="Actor (user:ann)"
          aria-label="Actor"
          onChange={(event) => set('actor', event.target.value)}
        />
        <input
          placeholder="Action (change-approve)"
          aria-label="Action"
          onChange={(event) => set('action', event.target.value)}
        />
        <input
          placeholder="Target (support/ for a folder)"
          aria-label="Target"
          onChange={(event) => set('target', event.target.value)}
        />
      </search>
      <ErrorNote error={entries.error} />
      <div className="table-wrap">
        <table data-testid="audit-entries">
          <thead>
            <tr>
              <th>#</th>
              <th>When</th>
              <th>Actor</th>
              <th>Action</th>
              <th>Target</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {entries.data?.items.map((entry) => (
              <tr key={entry.position}>
                <td>{entry.position}</td>
                <td>{formatTime(entry.at)}</td>
                <td>{actorName(entry.actor)}</td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>{targetText(entry)}</td>
                <td>{entry.reason ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.data?.next && (
        <p>
          <button type="button" onClick={() => setCursor(String(entries.data!.next))}>
            Older entries
          </button>
        </p>
      )}
    </div>
  );
}

const ARTIFACT_KINDS = new Set(['prompt', 'fragment', 'example-bank']);

/** `support/classify-intent`, or the kind too when the target is not an artifact: `change-request 4`. */
function targetText(entry: AuditEntry): string {
  if (entry.target === null) return '—';
  if (entry.targetKind === null || ARTIFACT_KINDS.has(entry.targetKind)) return entry.target;
  return `${entry.targetKind} ${entry.target}`;
}
