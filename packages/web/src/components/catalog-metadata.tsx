import { namePath } from '../api/client.ts';
import type { ArtifactKind } from '../api/types.ts';
import { useApi } from '../use-api.ts';
import { actorName, formatTime } from './format.ts';

/** GET /api/metadata/:kind/NAME (docs/server.md). */
export interface CatalogMetadata {
  version: number;
  lastEdit: { at: string; author: string; message: string };
  evals: {
    suite: string;
    passRate: number;
    passed: number;
    total: number;
    recordedAt: string;
    testedWith?: {
      models?: { id: string; snapshot?: string }[];
      promptops?: string;
      tools?: { name: string; schemaHash: string }[];
    };
  }[];
  cycleTime: {
    environment: string;
    last: { changeRequestId: number; durationMs: number } | null;
    medianMs: number | null;
    count: number;
  };
}

/** 90 s, 45 min, 3.5 h, 2.1 d. */
export function formatSpan(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

/**
 * The catalog fields kept current from the store: last edit, newest eval result per suite, what
 * those results were tested with, and the cycle time from proposal to production.
 */
export function CatalogMetadataPanel({
  kind,
  name,
  version,
}: {
  kind: ArtifactKind;
  name: string;
  version: number;
}) {
  const metadata = useApi<CatalogMetadata>(`/api/metadata/${kind}/${namePath(name)}?version=${version}`);
  if (!metadata.data) return null;
  const { lastEdit, evals, cycleTime } = metadata.data;
  const tested = new Set<string>();
  for (const result of evals) {
    for (const model of result.testedWith?.models ?? []) {
      tested.add(model.snapshot ? `${model.id} (${model.snapshot})` : model.id);
    }
    for (const tool of result.testedWith?.tools ?? []) tested.add(`${tool.name}@${tool.schemaHash}`);
    if (result.testedWith?.promptops) tested.add(`promptops ${result.testedWith.promptops}`);
  }
  return (
    <dl className="facts card" aria-label="Catalog metadata">
      <div>
        <dt>Last edit (v{metadata.data.version})</dt>
        <dd>
          {formatTime(lastEdit.at)} by {actorName(lastEdit.author)}
        </dd>
      </div>
      <div>
        <dt>Evals</dt>
        <dd>
          {evals.length === 0
            ? '—'
            : evals
                .map(
                  (result) =>
                    `${result.suite} ${result.passed}/${result.total} (${(result.passRate * 100).toFixed(1)}%)`,
                )
                .join(' · ')}
        </dd>
      </div>
      <div>
        <dt>Tested with</dt>
        <dd>{[...tested].join(', ') || '—'}</dd>
      </div>
      <div>
        <dt>Cycle time to {cycleTime.environment}</dt>
        <dd>
          {cycleTime.last === null
            ? '—'
            : `${formatSpan(cycleTime.last.durationMs)} (change #${cycleTime.last.changeRequestId})${
                cycleTime.medianMs === null
                  ? ''
                  : `, median ${formatSpan(cycleTime.medianMs)} of ${cycleTime.count}`
              }`}
        </dd>
      </div>
    </dl>
  );
}
