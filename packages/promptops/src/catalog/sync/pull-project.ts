import { access, mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PromptopsError } from '../../errors/index.ts';
import { contentHash } from '../content/canonical-json.ts';
import type { ArtifactKind } from '../content/names.ts';
import { artifactPath } from '../files/artifact-layout.ts';
import { loadExampleBankFile } from '../files/load-example-bank-file.ts';
import { loadFragmentFile } from '../files/load-fragment-file.ts';
import { loadPromptFile } from '../files/load-prompt-file.ts';
import type { LoadedArtifact } from '../files/loaded-artifact.ts';
import { type ArtifactToWrite, writeArtifactFiles } from '../files/write-project.ts';
import type { Catalog } from '../service/catalog.ts';
import { resolveActiveArtifacts } from './resolve-active-artifacts.ts';
import { lockKey, readSyncLock, writeSyncLock } from './sync-lock.ts';

export interface PullOptions {
  /** Pull what this environment serves instead of the latest versions. */
  environment?: string;
  /** Overwrite files edited locally since the last push or pull. */
  force?: boolean;
  schemaDirectory?: string;
}

export interface PullReport {
  written: string[];
  unchanged: number;
  /** Artifacts with nothing deployed in the requested environment. */
  notDeployed: string[];
  createdConfig: boolean;
}

const LOADERS: Record<ArtifactKind, (root: string, file: string) => Promise<LoadedArtifact>> = {
  prompt: loadPromptFile,
  fragment: loadFragmentFile,
  'example-bank': loadExampleBankFile,
};

/**
 * Writes the catalog's active artifacts to files and records in the lock file which version each
 * file now holds. A file edited locally since the last sync (its content matches neither the lock
 * nor the catalog) is not overwritten without `force`: pulling must never eat unpushed work.
 */
export async function pullProject(
  catalog: Catalog,
  folder: string,
  options: PullOptions = {},
): Promise<PullReport> {
  const instance = await catalog.instanceId();
  const lock = await readSyncLock(folder);
  const bases = lock?.instance === instance ? lock.artifacts : {};
  const { resolved, notDeployed } = await resolveActiveArtifacts(
    catalog,
    options.environment ? { environment: options.environment } : {},
  );

  const toWrite: (ArtifactToWrite & { version: number; hash: string })[] = [];
  const edited: { message: string; location: { file: string } }[] = [];
  for (const { artifact, version } of resolved) {
    const file = artifactPath(artifact.kind, artifact.name);
    const local = await localHash(folder, artifact.kind, file);
    const synced = bases[lockKey(artifact.kind, artifact.name)]?.hash;
    if (local !== undefined && local !== synced && local !== version.contentHash && !options.force) {
      edited.push({ message: `${file} has local edits that were never pushed`, location: { file } });
    }
    toWrite.push({
      kind: artifact.kind,
      name: artifact.name,
      content: version.content as never,
      version: version.version,
      hash: version.contentHash,
    });
  }
  if (edited.length > 0) {
    throw new PromptopsError(
      'conflict',
      `${edited.length} file(s) have local edits; nothing was pulled. Push them first, or pull with --force to discard them. ${edited[0]!.message}`,
      { location: edited[0]!.location, issues: edited },
    );
  }

  await mkdir(folder, { recursive: true });
  const createdConfig = await writeMinimalConfig(folder, await catalog.environments());
  const written = await writeArtifactFiles(folder, toWrite, { schemaDirectory: options.schemaDirectory });
  await writeSyncLock(folder, {
    instance,
    artifacts: {
      ...bases,
      ...Object.fromEntries(
        toWrite.map((item) => [lockKey(item.kind, item.name), { version: item.version, hash: item.hash }]),
      ),
    },
  });
  return { written, unchanged: toWrite.length - written.length, notDeployed, createdConfig };
}

/** The hash of a local file's content, or undefined when there is no such file (or it does not parse). */
async function localHash(folder: string, kind: ArtifactKind, file: string): Promise<string | undefined> {
  try {
    await access(join(folder, file));
  } catch {
    return undefined;
  }
  try {
    return contentHash((await LOADERS[kind](folder, file)).content);
  } catch {
    return 'unparseable';
  }
}

/**
 * A pulled folder needs a promptops.yaml to be pushed again. The catalog does not hold provider
 * settings, so this one names the project and its environments only; add providers and routes.
 */
async function writeMinimalConfig(folder: string, environments: string[]): Promise<boolean> {
  const file = join(folder, 'promptops.yaml');
  const name =
    basename(folder)
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^-+/, '') || 'prompts';
  const text = `# Written by promptops pull. Add providers and routes: the catalog does not hold them.\nproject:\n  name: ${name}\n\nenvironments: [${environments.join(', ')}]\n`;
  try {
    await writeFile(file, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    throw error;
  }
}
