import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { namePath } from '../api/client.ts';
import type { ArtifactDetail, ArtifactKind } from '../api/types.ts';
import { EnvironmentBadges, RiskBadge } from '../components/badges.tsx';
import { CatalogMetadataPanel } from '../components/catalog-metadata.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { actorName, formatTime } from '../components/format.ts';
import { GuideLink } from '../components/guide-link.tsx';
import { TryPanel } from '../components/try-panel.tsx';
import type { VariablesSchema } from '../components/variables-form.tsx';
import { VersionDiff } from '../components/version-diff.tsx';
import { usePermissions } from '../session.tsx';
import { useApi } from '../use-api.ts';

export interface History {
  versions: {
    version: number;
    parentVersion: number | null;
    author: string;
    message: string | null;
    createdAt: string;
  }[];
  deploymentEvents: {
    environment: string;
    action: string;
    fromVersion: number | null;
    toVersion: number | null;
    canaryVersion: number | null;
    canaryPercent: number | null;
    actor: string;
    reason: string | null;
    at: string;
  }[];
}

const TABS = ['preview', 'versions', 'content'] as const;

/**
 * One prompt (or fragment, or example bank): what it is for, who owns it, where it is deployed; the
 * rendered preview with a variables form and "try it"; the versions with their changelog and a
 * side-by-side diff of any two; the content as stored.
 */
export function PromptPage({ kind }: { kind: ArtifactKind }) {
  const name = useParams()['*'] ?? '';
  const [parameters, setParameters] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(parameters.get('tab') ?? '')
    ? (parameters.get('tab') as (typeof TABS)[number])
    : kind === 'prompt'
      ? 'preview'
      : 'versions';
  const selectedVersion = Number(parameters.get('version')) || undefined;
  const detail = useApi<ArtifactDetail>(
    `/api/artifacts/${kind}/${namePath(name)}${selectedVersion ? `?version=${selectedVersion}` : ''}`,
  );
  const history = useApi<History>(`/api/deployments/${kind}/${namePath(name)}`);
  const permissions = usePermissions(name);
  const canEdit = permissions.can('change-propose') && permissions.can('version-create');
  const canDeploy = permissions.can('deploy') || permissions.can('rollback');

  const selectTab = (next: string) => {
    const updated = new URLSearchParams(parameters);
    updated.set('tab', next);
    setParameters(updated, { replace: true });
  };

  if (detail.error) return <ErrorNote error={detail.error} />;
  if (!detail.data) return <p className="loading">Loading…</p>;
  const { artifact, version } = detail.data;
  return (
    <div>
      <div className="page-head">
        <h1>{artifact.name}</h1>
        <RiskBadge risk={artifact.risk} />
        {artifact.status === 'retired' && <span className="badge bad">retired</span>}
        <div className="actions">
          {kind === 'prompt' && <GuideLink step="improvement-loop" />}
          {canEdit && artifact.status === 'active' && (
            <Link to={`/edit/${kind}/${name}`}>
              <button type="button" className="primary">
                Edit
              </button>
            </Link>
          )}
          <Link to={`/deployments/${kind}/${name}`}>
            <button type="button">{canDeploy ? 'Deploy…' : 'Deployments'}</button>
          </Link>
        </div>
      </div>
      <p className="purpose">{artifact.description}</p>
      <dl className="facts card">
        <div>
          <dt>Owner</dt>
          <dd>{artifact.owner ?? '—'}</dd>
        </div>
        <div>
          <dt>Task / data</dt>
          <dd>
            {artifact.task ?? '—'} / {artifact.classification ?? '—'}
          </dd>
        </div>
        <div>
          <dt>Latest</dt>
          <dd>
            v{artifact.headVersion}, {formatTime(artifact.updatedAt)}
          </dd>
        </div>
        <div>
          <dt>Environments</dt>
          <dd>
            <EnvironmentBadges deployments={artifact.deployments} />
          </dd>
        </div>
      </dl>
      <CatalogMetadataPanel kind={kind} name={name} version={version.version} />

      <div className="tabs" role="tablist">
        {TABS.filter((item) => kind === 'prompt' || item !== 'preview').map((item) => (
          <button
            key={item}
            type="button"
            role="tab"
            aria-selected={tab === item}
            onClick={() => selectTab(item)}
          >
            {item === 'preview' ? 'Preview & try it' : item === 'versions' ? 'Versions & diff' : 'Content'}
          </button>
        ))}
      </div>

      {tab === 'preview' && kind === 'prompt' && (
        <>
          <VersionPicker
            versions={history.data?.versions.map((item) => item.version) ?? [version.version]}
            selected={version.version}
            onSelect={(next) => {
              const updated = new URLSearchParams(parameters);
              updated.set('version', String(next));
              setParameters(updated, { replace: true });
            }}
          />
          <TryPanel
            key={version.version}
            name={name}
            version={version.version}
            schema={version.content.variables as VariablesSchema | undefined}
            canRun={permissions.can('prompt-run')}
          />
        </>
      )}
      {tab === 'versions' && <Versions kind={kind} name={name} history={history.data} />}
      {tab === 'content' && (
        <div className="message">
          <div className="message-role">
            v{version.version} · {version.contentHash.slice(0, 12)}
          </div>
          <pre>{JSON.stringify(version.content, null, 2)}</pre>
        </div>
      )}
    </div>
  );
}

function VersionPicker({
  versions,
  selected,
  onSelect,
}: {
  versions: number[];
  selected: number;
  onSelect(version: number): void;
}) {
  return (
    <label className="inline">
      Version
      <select value={selected} onChange={(event) => onSelect(Number(event.target.value))}>
        {versions.map((version) => (
          <option key={version} value={version}>
            v{version}
          </option>
        ))}
      </select>
    </label>
  );
}

function Versions({
  kind,
  name,
  history,
}: {
  kind: ArtifactKind;
  name: string;
  history: History | undefined;
}) {
  const versions = history?.versions ?? [];
  const newest = Math.max(1, ...versions.map((item) => item.version));
  const [from, setFrom] = useState<number | undefined>();
  const [to, setTo] = useState<number | undefined>();
  const left = from ?? Math.max(1, newest - 1);
  const right = to ?? newest;
  if (!history) return <p className="muted">Loading versions…</p>;
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Version</th>
              <th>Changelog</th>
              <th>Author</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {[...versions]
              .sort((left, right) => right.version - left.version)
              .map((version) => (
                <tr key={version.version}>
                  <td>v{version.version}</td>
                  <td>{version.message ?? <span className="muted">—</span>}</td>
                  <td>{actorName(version.author)}</td>
                  <td>{formatTime(version.createdAt)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <h2>Compare two versions</h2>
      <div className="actions">
        <VersionPicker versions={versions.map((item) => item.version)} selected={left} onSelect={setFrom} />
        <span>→</span>
        <VersionPicker versions={versions.map((item) => item.version)} selected={right} onSelect={setTo} />
      </div>
      {left === right ? (
        <p className="muted">Pick two different versions to compare.</p>
      ) : (
        <VersionDiff kind={kind} name={name} from={{ version: left }} to={{ version: right }} />
      )}
    </>
  );
}
