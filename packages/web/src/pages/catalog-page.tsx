import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, namePath, query } from '../api/client.ts';
import type { ArtifactDetail, ArtifactSummary, EnvironmentDeployment, Page } from '../api/types.ts';
import { EnvironmentBadges, RiskBadge } from '../components/badges.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { FolderTree } from '../components/folder-tree.tsx';
import { artifactHref, timeAgo } from '../components/format.ts';
import { RunSparkline } from '../components/run-sparkline.tsx';
import { useApi } from '../use-api.ts';

interface EvalSummary {
  version: number;
  results: { suite: string; passRate: number; passed: number; total: number }[];
}

interface Extras {
  deployments?: EnvironmentDeployment[];
  evals?: EvalSummary;
}

const FILTERS = ['text', 'kind', 'tag', 'owner', 'risk', 'prefix'] as const;

/**
 * The catalog: a folder tree, search by name/text, tag, owner and risk, and per artifact its purpose,
 * owner, risk, last edit, environments and the latest eval scores. Filters live in the URL, so a
 * search can be linked to.
 */
export function CatalogPage() {
  const [parameters, setParameters] = useSearchParams();
  const filter = Object.fromEntries(FILTERS.map((key) => [key, parameters.get(key) ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const [text, setText] = useState(filter.text);
  const all = useApi<Page<ArtifactSummary>>('/api/artifacts?limit=500');
  const listed = useApi<Page<ArtifactSummary>>(`/api/artifacts${query({ ...filter, limit: 500 })}`);
  const extras = useExtras(listed.data?.items);

  const set = (key: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(parameters);
    if (value === '') next.delete(key);
    else next.set(key, value);
    setParameters(next, { replace: true });
  };
  // The search box applies a moment after typing stops.
  // biome-ignore lint/correctness/useExhaustiveDependencies: set reads the current parameters
  useEffect(() => {
    if (text === filter.text) return;
    const timer = setTimeout(() => set('text', text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);

  const names = useMemo(() => all.data?.items.map((item) => item.name) ?? [], [all.data]);
  const owners = useMemo(() => distinct(all.data?.items.map((item) => item.owner)), [all.data]);
  const tags = useMemo(() => distinct(all.data?.items.flatMap((item) => item.tags)), [all.data]);

  return (
    <div className="catalog">
      <aside>
        <FolderTree names={names} selected={filter.prefix} onSelect={(prefix) => set('prefix', prefix)} />
      </aside>
      <section>
        <div className="page-head">
          <h1>Catalog</h1>
        </div>
        <search className="filters">
          <input
            type="search"
            placeholder="Search names, descriptions and text…"
            aria-label="Search"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <select aria-label="Kind" value={filter.kind} onChange={(event) => set('kind', event.target.value)}>
            <option value="">All kinds</option>
            <option value="prompt">Prompts</option>
            <option value="fragment">Fragments</option>
            <option value="example-bank">Example banks</option>
          </select>
          <select aria-label="Tag" value={filter.tag} onChange={(event) => set('tag', event.target.value)}>
            <option value="">Any tag</option>
            {tags.map((tag) => (
              <option key={tag}>{tag}</option>
            ))}
          </select>
          <select
            aria-label="Owner"
            value={filter.owner}
            onChange={(event) => set('owner', event.target.value)}
          >
            <option value="">Any owner</option>
            {owners.map((owner) => (
              <option key={owner}>{owner}</option>
            ))}
          </select>
          <select aria-label="Risk" value={filter.risk} onChange={(event) => set('risk', event.target.value)}>
            <option value="">Any risk</option>
            <option value="low">Low</option>
            <option value="medium">Medium</option>
            <option value="high">High</option>
          </select>
        </search>
        <ErrorNote error={listed.error} />
        {listed.data && (
          <p className="muted small">
            {listed.data.total} {listed.data.total === 1 ? 'artifact' : 'artifacts'}
          </p>
        )}
        <ul className="artifact-list">
          {sortByKind(listed.data?.items).map((artifact) => {
            const extra = extras[`${artifact.kind}:${artifact.name}`];
            return (
              <li key={`${artifact.kind}:${artifact.name}`} className="card artifact">
                <div className="artifact-title">
                  <Link to={artifactHref(artifact.kind, artifact.name)}>{artifact.name}</Link>
                  {artifact.kind !== 'prompt' && <span className="badge kind">{artifact.kind}</span>}
                  {artifact.kind === 'prompt' && <RiskBadge risk={artifact.risk} />}
                </div>
                <p className="purpose">
                  {artifact.description ?? <span className="muted">No description.</span>}
                </p>
                <dl className="facts">
                  <div>
                    <dt>Owner</dt>
                    <dd>{artifact.owner ?? '—'}</dd>
                  </div>
                  <div>
                    <dt>Last edit</dt>
                    <dd title={artifact.updatedAt}>
                      v{artifact.headVersion}, {timeAgo(artifact.updatedAt)}
                    </dd>
                  </div>
                  <div>
                    <dt>Environments</dt>
                    <dd>
                      <EnvironmentBadges deployments={extra?.deployments} />
                    </dd>
                  </div>
                  {artifact.kind === 'prompt' && (
                    <div>
                      <dt>Live runs</dt>
                      <dd>
                        <RunSparkline prompt={artifact.name} />
                      </dd>
                    </div>
                  )}
                  {artifact.kind === 'prompt' && (
                    <div>
                      <dt>Latest evals</dt>
                      <dd>
                        <EvalScores evals={extra?.evals} />
                      </dd>
                    </div>
                  )}
                </dl>
                {artifact.tags.length > 0 && (
                  <p className="tags">
                    {artifact.tags.map((tag) => (
                      <button type="button" key={tag} className="tag" onClick={() => set('tag', tag)}>
                        #{tag}
                      </button>
                    ))}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
        {listed.data?.items.length === 0 && <p className="empty">Nothing matches these filters.</p>}
      </section>
    </div>
  );
}

function EvalScores({ evals }: { evals: EvalSummary | undefined }) {
  if (!evals) return <span className="muted">…</span>;
  if (evals.results.length === 0) return <span className="muted">none recorded</span>;
  return (
    <span className="env-list">
      {evals.results.map((result) => (
        <span key={result.suite} className={`badge ${result.passRate >= 0.95 ? 'good' : 'warn'}`}>
          {result.suite.split('/').at(-1)} {Math.round(result.passRate * 100)}%
        </span>
      ))}
      <span className="muted small">on v{evals.version}</span>
    </span>
  );
}

/** Each listed artifact's environments and (for prompts) latest eval scores, fetched beside the list. */
function useExtras(items: readonly ArtifactSummary[] | undefined): Record<string, Extras> {
  const [extras, setExtras] = useState<Record<string, Extras>>({});
  useEffect(() => {
    if (!items) return;
    let current = true;
    for (const artifact of items) {
      const key = `${artifact.kind}:${artifact.name}`;
      const path = `${artifact.kind}/${namePath(artifact.name)}`;
      // Scores of what production serves when it serves something, else of the latest version.
      api<ArtifactDetail>(`/api/artifacts/${path}`).then(
        (detail) => {
          if (!current) return;
          const deployments = detail.artifact.deployments;
          setExtras((old) => ({ ...old, [key]: { ...old[key], deployments } }));
          if (artifact.kind !== 'prompt') return;
          const served = deployments.find((item) => item.environment === 'production')?.stableVersion;
          api<EvalSummary>(`/api/evals/${path}${served ? `?version=${served}` : ''}`).then(
            (evals) => current && setExtras((old) => ({ ...old, [key]: { ...old[key], evals } })),
            () => undefined,
          );
        },
        () => undefined,
      );
    }
    return () => {
      current = false;
    };
  }, [items]);
  return extras;
}

function distinct(values: readonly (string | null | undefined)[] | undefined): string[] {
  return [...new Set((values ?? []).filter((value): value is string => Boolean(value)))].sort();
}

const KIND_ORDER = ['prompt', 'fragment', 'example-bank'];

/** Prompts first (what most people come for), then fragments and example banks; by name within each. */
function sortByKind(items: readonly ArtifactSummary[] | undefined): ArtifactSummary[] {
  return [...(items ?? [])].sort(
    (left, right) =>
      KIND_ORDER.indexOf(left.kind) - KIND_ORDER.indexOf(right.kind) || left.name.localeCompare(right.name),
  );
}
