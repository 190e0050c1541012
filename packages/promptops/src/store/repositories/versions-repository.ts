import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { type ArtifactVersionRow, artifactVersions } from '../schema/index.ts';

export async function insertVersion(
  executor: Executor,
  row: ArtifactVersionRow,
): Promise<ArtifactVersionRow> {
  const rows = await executor.insert(artifactVersions).values(row).returning();
  return rows[0]!;
}

export async function findVersion(
  executor: Executor,
  artifactId: number,
  version: number,
): Promise<ArtifactVersionRow | undefined> {
  const rows = await executor
    .select()
    .from(artifactVersions)
    .where(and(eq(artifactVersions.artifactId, artifactId), eq(artifactVersions.version, version)));
  return rows[0];
}

/** Several versions of one artifact in one query (diffs, deployments). */
export async function findVersions(
  executor: Executor,
  artifactId: number,
  versions: number[],
): Promise<ArtifactVersionRow[]> {
  if (versions.length === 0) return [];
  return executor
    .select()
    .from(artifactVersions)
    .where(and(eq(artifactVersions.artifactId, artifactId), inArray(artifactVersions.version, versions)))
    .orderBy(asc(artifactVersions.version));
}

export type VersionSummaryRow = Omit<ArtifactVersionRow, 'content'>;

/** The history of an artifact, oldest first, without contents (they can be large). */
export async function listVersions(executor: Executor, artifactId: number): Promise<VersionSummaryRow[]> {
  return executor
    .select({
      artifactId: artifactVersions.artifactId,
      version: artifactVersions.version,
      parentVersion: artifactVersions.parentVersion,
      contentHash: artifactVersions.contentHash,
      author: artifactVersions.author,
      message: artifactVersions.message,
      createdAt: artifactVersions.createdAt,
    })
    .from(artifactVersions)
    .where(eq(artifactVersions.artifactId, artifactId))
    .orderBy(asc(artifactVersions.version));
}
