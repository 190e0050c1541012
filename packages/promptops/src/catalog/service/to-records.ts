import type { ArtifactRow, DeploymentEventRow, DeploymentRow, VersionSummaryRow } from '../../store/index.ts';
import type { ArtifactKind, ArtifactStatus } from '../content/names.ts';
import type { ArtifactSummary, DeploymentEvent, DeploymentSummary, VersionSummary } from './records.ts';

/** Canary shares are stored in basis points (integers) and shown as percentages. */
const basisPointsToPercent = (value: number | null) => (value === null ? null : value / 100);

export function toArtifactSummary(row: ArtifactRow): ArtifactSummary {
  return {
    kind: row.kind as ArtifactKind,
    name: row.name,
    description: row.description,
    owner: row.owner,
    risk: row.risk,
    task: row.task,
    classification: row.classification,
    tags: row.tags,
    status: row.status as ArtifactStatus,
    headVersion: row.headVersion,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
  };
}

export function toDeploymentSummary(row: DeploymentRow): DeploymentSummary {
  return {
    environment: row.environment,
    stableVersion: row.stableVersion,
    canaryVersion: row.canaryVersion,
    canaryPercent: basisPointsToPercent(row.canaryPercent),
    revision: row.revision,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

export function toVersionSummary(row: VersionSummaryRow): VersionSummary {
  return {
    version: row.version,
    parentVersion: row.parentVersion,
    contentHash: row.contentHash,
    author: row.author,
    message: row.message,
    createdAt: row.createdAt,
  };
}

export function toDeploymentEvent(row: DeploymentEventRow): DeploymentEvent {
  return {
    environment: row.environment,
    action: row.action,
    fromVersion: row.fromVersion,
    toVersion: row.toVersion,
    canaryVersion: row.canaryVersion,
    canaryPercent: basisPointsToPercent(row.canaryPercent),
    actor: row.actor,
    reason: row.reason,
    at: row.at,
  };
}
