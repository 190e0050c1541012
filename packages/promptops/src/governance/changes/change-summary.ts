import type { ArtifactKind } from '../../catalog/content/names.ts';
import type { ChangeRequestEventRow, ChangeRequestRow } from '../../store/index.ts';

export type ChangeState = 'open' | 'approved' | 'rejected' | 'deployed' | 'withdrawn';

export interface ChangeRequestSummary {
  id: number;
  kind: ArtifactKind;
  name: string;
  version: number;
  environment: string;
  /** What the environment served when the change was proposed: the diff's left side. */
  baseVersion: number | null;
  title: string;
  author: string;
  state: ChangeState;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface ChangeRequestEvent {
  kind: ChangeRequestEventRow['kind'];
  actor: string;
  role: string | null;
  body: string | null;
  at: string;
}

export function toChangeSummary(
  row: ChangeRequestRow,
  artifact: { kind: string; name: string },
): ChangeRequestSummary {
  return {
    id: row.id,
    kind: artifact.kind as ArtifactKind,
    name: artifact.name,
    version: row.version,
    environment: row.environment,
    baseVersion: row.baseVersion,
    title: row.title,
    author: row.author,
    state: row.state as ChangeState,
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toChangeEvent(row: ChangeRequestEventRow): ChangeRequestEvent {
  return { kind: row.kind, actor: row.actor, role: row.role, body: row.body, at: row.at.toISOString() };
}
