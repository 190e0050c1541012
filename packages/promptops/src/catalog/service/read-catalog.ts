import { PromptopsError } from '../../errors/index.ts';
import {
  type ArtifactFilter,
  type Executor,
  findArtifact,
  findDeployment,
  findVersion,
  listArtifacts,
  listDeploymentEvents,
  listDeployments,
  listVersions,
} from '../../store/index.ts';
import type { ArtifactKind } from '../content/names.ts';
import { notFound } from './move-label.ts';
import type {
  ArtifactSummary,
  DeploymentEvent,
  DeploymentSummary,
  VersionRecord,
  VersionSummary,
} from './records.ts';
import { describeSelector, type VersionSelector } from './selector.ts';
import { toArtifactSummary, toDeploymentEvent, toDeploymentSummary, toVersionSummary } from './to-records.ts';

export interface ArtifactDetail extends ArtifactSummary {
  deployments: DeploymentSummary[];
}

export async function getArtifact(
  executor: Executor,
  kind: ArtifactKind,
  name: string,
): Promise<ArtifactDetail> {
  const artifact = await findArtifact(executor, kind, name);
  if (!artifact) throw notFound(kind, name);
  const deployments = await listDeployments(executor, artifact.id);
  return { ...toArtifactSummary(artifact), deployments: deployments.map(toDeploymentSummary) };
}

export async function findArtifactSummaries(
  executor: Executor,
  filter: ArtifactFilter,
): Promise<ArtifactSummary[]> {
  return (await listArtifacts(executor, filter)).map(toArtifactSummary);
}

/**
 * Resolves a selector to one version with its content. What an environment serves is its stable
 * version here; the runtime's canary split (sticky by key) lives in the runtime's resolver.
 */
export async function resolveVersion(
  executor: Executor,
  kind: ArtifactKind,
  name: string,
  selector: VersionSelector,
): Promise<VersionRecord> {
  const artifact = await findArtifact(executor, kind, name);
  if (!artifact) throw notFound(kind, name);
  let version: number;
  if ('version' in selector) {
    version = selector.version;
  } else if ('environment' in selector) {
    const deployment = await findDeployment(executor, artifact.id, selector.environment);
    if (!deployment) {
      throw new PromptopsError(
        'environment_not_found',
        `${kind} ${name} has no version in ${selector.environment}; label one with \`promptops label ${name} VERSION ${selector.environment}\``,
        { name, environment: selector.environment },
      );
    }
    version = deployment.stableVersion;
  } else {
    version = artifact.headVersion;
  }
  const row = version > 0 ? await findVersion(executor, artifact.id, version) : undefined;
  if (!row) {
    throw new PromptopsError(
      'version_not_found',
      `${kind} ${name} has no ${describeSelector(selector)} (latest is ${artifact.headVersion})`,
      { name, version },
    );
  }
  return { kind, name, ...toVersionSummary(row), content: row.content };
}

export interface ArtifactHistory {
  artifact: ArtifactSummary;
  versions: VersionSummary[];
  /** Environment moves, newest first. */
  deploymentEvents: DeploymentEvent[];
}

export async function getHistory(
  executor: Executor,
  kind: ArtifactKind,
  name: string,
): Promise<ArtifactHistory> {
  const artifact = await findArtifact(executor, kind, name);
  if (!artifact) throw notFound(kind, name);
  const [versions, events] = await Promise.all([
    listVersions(executor, artifact.id),
    listDeploymentEvents(executor, artifact.id),
  ]);
  return {
    artifact: toArtifactSummary(artifact),
    versions: versions.map(toVersionSummary),
    deploymentEvents: events.map(toDeploymentEvent),
  };
}
