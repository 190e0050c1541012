import { PromptopsError } from '../../errors/index.ts';
import type { MutationContext } from '../../governance/audit/index.ts';
import {
  findVersion,
  insertArtifact,
  insertVersion,
  lockArtifact,
  updateArtifact,
} from '../../store/index.ts';
import { contentHash } from '../content/canonical-json.ts';
import type { ArtifactKind } from '../content/names.ts';
import { describeContent, normaliseContent } from './content-schemas.ts';
import type { SaveResult } from './records.ts';

export interface SaveVersionInput {
  kind: ArtifactKind;
  name: string;
  content: unknown;
  /**
   * The version the change was based on: the optimistic-concurrency token. `null` means "this is new";
   * a number must equal the current head or the save is a `conflict`, never a silent overwrite.
   */
  parentVersion: number | null;
  message: string;
}

/**
 * Creates the next immutable version, or nothing when the content equals the head's (same hash).
 * Runs inside a mutation, so the artifact row lock, the parent check, the insert and the audit
 * entry commit together.
 */
export async function saveVersionIn(context: MutationContext, input: SaveVersionInput): Promise<SaveResult> {
  const content = normaliseContent(input.kind, input.name, input.content);
  const hash = contentHash(content);
  const now = context.now();
  const described = describeContent(content);
  let artifact = await lockArtifact(context.tx, input.kind, input.name);

  if (artifact) {
    if (artifact.status === 'retired') {
      throw new PromptopsError(
        'retired',
        `${input.kind} ${input.name} is retired; it takes no new versions`,
        {
          name: input.name,
        },
      );
    }
    const head =
      artifact.headVersion > 0 ? await findVersion(context.tx, artifact.id, artifact.headVersion) : undefined;
    if (head?.contentHash === hash) {
      return {
        outcome: 'unchanged',
        kind: input.kind,
        name: input.name,
        version: head.version,
        contentHash: hash,
      };
    }
    if (input.parentVersion !== artifact.headVersion) {
      throw new PromptopsError(
        'conflict',
        `${input.kind} ${input.name} is at version ${artifact.headVersion}, but this change was based on ` +
          `${input.parentVersion === null ? 'nothing (a new artifact)' : `version ${input.parentVersion}`}; ` +
          'fetch the latest version, merge, and try again',
        { name: input.name, expectedParent: input.parentVersion, headVersion: artifact.headVersion },
      );
    }
  } else {
    if (input.parentVersion !== null) {
      throw new PromptopsError(
        'conflict',
        `${input.kind} ${input.name} does not exist, but this change was based on version ${input.parentVersion}`,
        { name: input.name, expectedParent: input.parentVersion, headVersion: 0 },
      );
    }
    artifact = await insertArtifact(context.tx, {
      kind: input.kind,
      name: input.name,
      ...described,
      createdAt: now,
      createdBy: context.actor,
      updatedAt: now,
    });
    context.audit({ action: 'artifact-create', targetKind: input.kind, target: input.name });
  }

  const version = artifact.headVersion + 1;
  await insertVersion(context.tx, {
    artifactId: artifact.id,
    version,
    parentVersion: artifact.headVersion > 0 ? artifact.headVersion : null,
    contentHash: hash,
    content,
    author: context.actor,
    message: input.message,
    createdAt: now,
  });
  await updateArtifact(context.tx, artifact.id, { ...described, headVersion: version, updatedAt: now });
  context.audit({
    action: 'version-create',
    targetKind: input.kind,
    target: input.name,
    reason: input.message,
    details: { version, parent_version: version > 1 ? version - 1 : null, content_hash: hash },
  });
  return { outcome: 'created', kind: input.kind, name: input.name, version, contentHash: hash };
}
