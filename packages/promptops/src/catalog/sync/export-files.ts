import { renderArtifactFile } from '../files/write-project.ts';
import type { Catalog } from '../service/catalog.ts';
import type { ArtifactSummary } from '../service/records.ts';
import { resolveActiveArtifacts } from './resolve-active-artifacts.ts';
import { lockKey, SYNC_LOCK_FILE, type SyncLock, syncLockText } from './sync-lock.ts';

export interface ExportOptions {
  /** Only artifacts under this folder (`support/`). */
  prefix?: string;
  /** What this environment serves instead of the latest versions. */
  environment?: string;
  /** Which artifacts to include (the caller's read rights); all by default. */
  include?: (artifact: ArtifactSummary) => boolean;
}

export interface ExportedFiles {
  /** File text by path relative to a project folder, as `pull` would write them, and `promptops.lock`. */
  files: Record<string, string>;
  /** Artifacts with nothing deployed in the requested environment. */
  notDeployed: string[];
}

/**
 * The catalog's active artifacts as project files, in memory: what `promptops pull` writes, plus the
 * sync lock naming the version each file holds, so the files can come back through an import (or
 * `push`) with a stale edit detected. The catalog holds no provider settings: no promptops.yaml.
 */
export async function exportFiles(catalog: Catalog, options: ExportOptions = {}): Promise<ExportedFiles> {
  const { resolved, notDeployed } = await resolveActiveArtifacts(catalog, options);
  const files: Record<string, string> = {};
  const lock: SyncLock = { instance: await catalog.instanceId(), artifacts: {} };
  for (const { artifact, version } of resolved) {
    const { file, text } = renderArtifactFile({
      kind: artifact.kind,
      name: artifact.name,
      content: version.content as never,
    });
    files[file] = text;
    lock.artifacts[lockKey(artifact.kind, artifact.name)] = {
      version: version.version,
      hash: version.contentHash,
    };
  }
  files[SYNC_LOCK_FILE] = syncLockText(lock);
  return { files, notDeployed };
}
