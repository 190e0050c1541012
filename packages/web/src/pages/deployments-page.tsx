import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ChangeSummary } from '../api/change-types.ts';
import { api, namePath, query } from '../api/client.ts';
import type { ArtifactDetail, ArtifactKind, EnvironmentDeployment, Page } from '../api/types.ts';
import { EnvironmentBadges } from '../components/badges.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { ExperimentsPanel } from '../components/experiments/experiments-panel.tsx';
import { actorName, artifactHref, formatTime } from '../components/format.ts';
import { ReasonDialog } from '../components/reason-dialog.tsx';
import { usePermissions } from '../session.tsx';
import { useApi } from '../use-api.ts';
import type { History } from './prompt-page.tsx';

type Pending =
  | { action: 'rollback'; environment: string; deployment: EnvironmentDeployment }
  | { action: 'promote'; environment: string; deployment: EnvironmentDeployment }
  | { action: 'canary'; environment: string; deployment: EnvironmentDeployment; percent: number };

const MOVE_WORDS: Record<string, string> = {
  deploy: 'deployed',
  'canary-start': 'canary started',
  'canary-set': 'canary share changed',
  'canary-promote': 'canary promoted',
  'canary-abort': 'canary stopped',
  rollback: 'rolled back',
  'label-move': 'moved (break glass)',
};

/**
 * An artifact's environments: what each serves (stable, and a canary with its share), a slider to
 * change the canary's share, promote, roll back (confirmed, with a reason), and the history of every
 * move. New versions reach an environment through an approved change request (the reviews pages).
 */
export function DeploymentsPage() {
  const params = useParams();
  const kind = (params.kind ?? 'prompt') as ArtifactKind;
  const name = params['*'] ?? '';
  const detail = useApi<ArtifactDetail>(`/api/artifacts/${kind}/${namePath(name)}`);
  const history = useApi<History>(`/api/deployments/${kind}/${namePath(name)}`);
  const ready = useApi<Page<ChangeSummary>>(
    `/api/changes${query({ kind, name, state: 'approved', limit: 20 })}`,
  );
  const permissions = usePermissions(name);
  const [pending, setPending] = useState<Pending | undefined>();
  const [notice, setNotice] = useState<string | undefined>();

  if (detail.error) return <ErrorNote error={detail.error} />;
  if (!detail.data) return <p className="loading">Loading…</p>;
  const { artifact } = detail.data;

  const confirm = async (reason: string) => {
    if (!pending) return;
    const body = { kind, name, environment: pending.environment, ...(reason !== '' && { reason }) };
    if (pending.action === 'canary') {
      await api('/api/deployments/canary', { body: { ...body, percent: pending.percent } });
      setNotice(`The canary in ${pending.environment} now takes ${pending.percent}% of traffic.`);
    } else {
      await api(`/api/deployments/${pending.action}`, { body });
      setNotice(
        pending.action === 'promote'
          ? `The canary is now the stable version of ${pending.environment}.`
          : `${pending.environment} rolled back.`,
      );
    }
    detail.reload();
    history.reload();
  };

  return (
    <div>
      <div className="page-head">
        <h1>
          Deployments of <Link to={artifactHref(kind, name)}>{name}</Link>
        </h1>
      </div>
      <p className="muted">
        New versions reach an environment through an approved <Link to="/changes">change request</Link>.
      </p>
      {notice && <p className="success">{notice}</p>}
      {ready.data && ready.data.items.length > 0 && (
        <div className="notice" data-testid="ready-to-deploy">
          Approved and ready to deploy:{' '}
          {ready.data.items.map((change) => (
            <Link key={change.id} to={`/changes/${change.id}`} className="ref-link">
              #{change.id} v{change.version} → {change.environment}
            </Link>
          ))}
        </div>
      )}
      {artifact.deployments.length === 0 && <p className="empty">Not deployed to any environment yet.</p>}
      <div className="split">
        {artifact.deployments.map((deployment) => (
          <EnvironmentCard
            key={deployment.environment}
            deployment={deployment}
            canCanary={permissions.can('canary-set')}
            canPromote={permissions.can('promote')}
            canRollback={permissions.can('rollback')}
            onAction={setPending}
          />
        ))}
      </div>

      {kind === 'prompt' && artifact.deployments.length > 0 && (
        <ExperimentsPanel
          name={name}
          deployments={artifact.deployments}
          canManage={permissions.can('experiment-manage')}
        />
      )}

      <h2>History</h2>
      <ErrorNote error={history.error} />
      <div className="table-wrap">
        <table data-testid="deployment-history">
          <thead>
            <tr>
              <th>When</th>
              <th>Environment</th>
              <th>Move</th>
              <th>Versions</th>
              <th>Who</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {history.data?.deploymentEvents.map((event, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: moves have no id; newest first
              <tr key={index}>
                <td>{formatTime(event.at)}</td>
                <td>{event.environment}</td>
                <td>{MOVE_WORDS[event.action] ?? event.action}</td>
                <td>
                  {event.fromVersion !== null &&
                    event.fromVersion !== event.toVersion &&
                    `v${event.fromVersion} → `}
                  {event.toVersion !== null ? `v${event.toVersion}` : '—'}
                  {event.canaryVersion !== null &&
                    ` · canary v${event.canaryVersion} ${event.canaryPercent}%`}
                </td>
                <td>{actorName(event.actor)}</td>
                <td>{event.reason ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ReasonDialog
        open={pending !== undefined}
        title={
          pending?.action === 'rollback'
            ? `Roll back ${pending.environment}?`
            : pending?.action === 'promote'
              ? `Promote the canary in ${pending.environment}?`
              : `Set the canary to ${pending?.action === 'canary' ? pending.percent : 0}%?`
        }
        explanation={pending ? explain(pending) : undefined}
        confirmLabel={
          pending?.action === 'rollback'
            ? 'Roll back'
            : pending?.action === 'promote'
              ? 'Promote'
              : 'Set canary'
        }
        reasonRequired={pending?.action === 'rollback'}
        danger={pending?.action === 'rollback'}
        onConfirm={confirm}
        onClose={() => setPending(undefined)}
      />
    </div>
  );
}

function explain(pending: Pending): string {
  const { deployment } = pending;
  if (pending.action === 'rollback') {
    return deployment.canaryVersion !== null
      ? `This stops the canary (v${deployment.canaryVersion}): every request goes back to v${deployment.stableVersion}.`
      : `This returns ${pending.environment} from v${deployment.stableVersion} to the stable version before it.`;
  }
  if (pending.action === 'promote') {
    return `v${deployment.canaryVersion} becomes the stable version for all traffic (v${deployment.stableVersion} stops serving).`;
  }
  return `v${deployment.canaryVersion} will serve ${pending.percent}% of requests, v${deployment.stableVersion} the rest.`;
}

function EnvironmentCard({
  deployment,
  canCanary,
  canPromote,
  canRollback,
  onAction,
}: {
  deployment: EnvironmentDeployment;
  canCanary: boolean;
  canPromote: boolean;
  canRollback: boolean;
  onAction(pending: Pending): void;
}) {
  const [percent, setPercent] = useState(deployment.canaryPercent ?? 0);
  const hasCanary = deployment.canaryVersion !== null;
  const environment = deployment.environment;
  return (
    <section className="card" data-testid={`environment-${environment}`}>
      <h2 style={{ marginTop: 0 }}>{environment}</h2>
      <EnvironmentBadges deployments={[deployment]} />
      <p className="small muted">
        Last move {formatTime(deployment.updatedAt)} by {actorName(deployment.updatedBy)}
      </p>
      {hasCanary && canCanary && (
        <div className="slider">
          <label className="inline" style={{ flex: '1 1 220px' }}>
            Canary {percent}%
            <input
              type="range"
              min={1}
              max={100}
              value={percent}
              aria-label={`Canary percent in ${environment}`}
              onChange={(event) => setPercent(Number(event.target.value))}
            />
          </label>
          <button
            type="button"
            disabled={percent === deployment.canaryPercent}
            onClick={() => onAction({ action: 'canary', environment, deployment, percent })}
          >
            Set {percent}%
          </button>
        </div>
      )}
      <div className="actions" style={{ marginTop: '0.75rem' }}>
        {hasCanary && canPromote && (
          <button
            type="button"
            className="primary"
            onClick={() => onAction({ action: 'promote', environment, deployment })}
          >
            Promote canary
          </button>
        )}
        {canRollback && (
          <button
            type="button"
            className="danger"
            onClick={() => onAction({ action: 'rollback', environment, deployment })}
          >
            Roll back…
          </button>
        )}
      </div>
    </section>
  );
}
