import { PromptopsError } from '../../errors/index.ts';
import type { MutationContext } from '../../governance/audit/index.ts';
import { lockArtifact, updateArtifact } from '../../store/index.ts';
import type { ArtifactKind } from '../content/names.ts';
import { notFound } from './move-label.ts';
import type { ArtifactSummary } from './records.ts';
import { toArtifactSummary } from './to-records.ts';

/**
 * Retires an artifact: it keeps its versions and history (nothing is deleted) but takes no new
 * versions or deployments. A reason is required: it is the audit trail's "why".
 */
export async function retireArtifactIn(
  context: MutationContext,
  input: { kind: ArtifactKind; name: string; reason: string },
): Promise<ArtifactSummary> {
  if (!input.reason.trim()) {
    throw new PromptopsError('invalid_argument', 'retiring needs a reason', { parameter: 'reason' });
  }
  const artifact = await lockArtifact(context.tx, input.kind, input.name);
  if (!artifact) throw notFound(input.kind, input.name);
  if (artifact.status === 'retired') return toArtifactSummary(artifact);
  const now = context.now();
  const updated = await updateArtifact(context.tx, artifact.id, {
    status: 'retired',
    retiredAt: now,
    updatedAt: now,
  });
  context.audit({
    action: 'artifact-retire',
    targetKind: input.kind,
    target: input.name,
    reason: input.reason,
  });
  return toArtifactSummary(updated);
}
