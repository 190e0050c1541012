import { PromptopsError } from '../../errors/index.ts';
import type { MutationContext } from '../../governance/audit/index.ts';
import {
  findDeployment,
  findVersion,
  insertDeploymentEvent,
  listEnvironments,
  lockArtifact,
  saveDeployment,
} from '../../store/index.ts';
import type { ArtifactKind } from '../content/names.ts';
import type { DeploymentSummary } from './records.ts';
import { toDeploymentSummary } from './to-records.ts';

export interface MoveLabelInput {
  kind: ArtifactKind;
  name: string;
  environment: string;
  version: number;
  reason?: string;
  /** The deployment revision the caller saw; a different current revision is a `conflict`. */
  expectedRevision?: number;
}

/**
 * Points an environment (label) at a version as its stable version, clearing any canary, and records
 * the move in the deployment history and the audit chain. Governance (approvals, canaries, freeze
 * windows) wraps this; the catalog only guarantees the move is valid, atomic and recorded.
 */
export async function moveLabelIn(
  context: MutationContext,
  input: MoveLabelInput,
): Promise<DeploymentSummary> {
  const artifact = await lockArtifact(context.tx, input.kind, input.name);
  if (!artifact) throw notFound(input.kind, input.name);
  if (artifact.status === 'retired') {
    throw new PromptopsError('retired', `${input.kind} ${input.name} is retired; it cannot be deployed`, {
      name: input.name,
    });
  }
  const environments = await listEnvironments(context.tx);
  if (!environments.includes(input.environment)) {
    throw new PromptopsError(
      'environment_not_found',
      `no environment "${input.environment}"; known: ${environments.join(', ') || '(none: push a project first)'}`,
      { environment: input.environment },
    );
  }
  if (!(await findVersion(context.tx, artifact.id, input.version))) {
    throw new PromptopsError(
      'version_not_found',
      `${input.kind} ${input.name} has no version ${input.version} (latest is ${artifact.headVersion})`,
      { name: input.name, version: input.version },
    );
  }
  const current = await findDeployment(context.tx, artifact.id, input.environment);
  const currentRevision = current?.revision ?? 0;
  if (input.expectedRevision !== undefined && input.expectedRevision !== currentRevision) {
    throw new PromptopsError(
      'conflict',
      `${input.environment} for ${input.name} moved since you read it (revision ${currentRevision}, you saw ${input.expectedRevision})`,
      { environment: input.environment, revision: currentRevision },
    );
  }
  const now = context.now();
  const row = {
    artifactId: artifact.id,
    environment: input.environment,
    stableVersion: input.version,
    canaryVersion: null,
    canaryPercent: null,
    canaryStartedAt: null,
    revision: currentRevision + 1,
    updatedAt: now,
    updatedBy: context.actor,
  };
  if (!(await saveDeployment(context.tx, row, currentRevision))) {
    throw new PromptopsError(
      'conflict',
      `${input.environment} for ${input.name} moved concurrently; try again`,
      {},
    );
  }
  await insertDeploymentEvent(context.tx, {
    artifactId: artifact.id,
    environment: input.environment,
    action: 'label-move',
    fromVersion: current?.stableVersion ?? null,
    toVersion: input.version,
    canaryVersion: null,
    canaryPercent: null,
    revision: row.revision,
    actor: context.actor,
    reason: input.reason ?? null,
    at: now,
  });
  context.audit({
    action: 'label-move',
    targetKind: input.kind,
    target: input.name,
    reason: input.reason ?? null,
    details: {
      environment: input.environment,
      from_version: current?.stableVersion ?? null,
      to_version: input.version,
    },
  });
  return toDeploymentSummary(row);
}

export function notFound(kind: ArtifactKind, name: string): PromptopsError {
  return new PromptopsError('prompt_not_found', `no ${kind} named ${name} in the catalog`, { kind, name });
}
