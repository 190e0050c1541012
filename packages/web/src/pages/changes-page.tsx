import { Link, useSearchParams } from 'react-router';
import type { ChangeSummary } from '../api/change-types.ts';
import { query } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import { StateBadge } from '../components/badges.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { actorName, timeAgo } from '../components/format.ts';
import { useApi } from '../use-api.ts';

const FILTERS = [
  { label: 'Open', state: 'open' },
  { label: 'Approved', state: 'approved' },
  { label: 'Deployed', state: 'deployed' },
  { label: 'Closed', state: 'rejected,withdrawn' },
  { label: 'All', state: '' },
] as const;

/** The change requests: open ones first by default, filtered by state; newest first. */
export function ChangesPage() {
  const [parameters, setParameters] = useSearchParams();
  const state = parameters.get('state') ?? 'open';
  const states = state === '' ? [] : state.split(',');
  const path = `/api/changes${query({ limit: 100 })}${states.map((item) => `&state=${item}`).join('')}`;
  const changes = useApi<Page<ChangeSummary>>(path);
  return (
    <div>
      <div className="page-head">
        <h1>Reviews</h1>
      </div>
      <div className="tabs" role="tablist">
        {FILTERS.map((filter) => (
          <button
            key={filter.label}
            type="button"
            role="tab"
            aria-selected={state === filter.state}
            onClick={() => setParameters({ state: filter.state }, { replace: true })}
          >
            {filter.label}
          </button>
        ))}
      </div>
      <ErrorNote error={changes.error} />
      {changes.data && changes.data.items.length === 0 && <p className="empty">No change requests here.</p>}
      {changes.data && changes.data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>Change</th>
                <th>Artifact</th>
                <th>State</th>
                <th>Author</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {changes.data.items.map((change) => (
                <tr key={change.id}>
                  <td>{change.id}</td>
                  <td>
                    <Link to={`/changes/${change.id}`}>{change.title}</Link>
                  </td>
                  <td>
                    {change.name}{' '}
                    <span className="muted">
                      v{change.version} → {change.environment}
                    </span>
                  </td>
                  <td>
                    <StateBadge state={change.state} />
                  </td>
                  <td>{actorName(change.author)}</td>
                  <td>{timeAgo(change.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
