import { basename, join } from 'node:path';
import { PromptopsError } from '../../errors/index.ts';
import { mutate } from '../../governance/audit/index.ts';
import { policiesChanged, storeCatalogPolicies } from '../../governance/policies/catalog-policies.ts';
import {
  type Executor,
  ensureEnvironments,
  findArtifact,
  findVersion,
  upsertRetrievalDocuments,
} from '../../store/index.ts';
import { contentHash } from '../content/canonical-json.ts';
import type { ArtifactKind } from '../content/names.ts';
import { readFolderDocuments } from '../files/read-folder-documents.ts';
import type { Project } from '../files/read-project.ts';
import type { Actor, Catalog } from '../service/catalog.ts';
import { normaliseContent } from '../service/content-schemas.ts';
import { saveVersionIn } from '../service/save-version.ts';
import { checkProject, type ProjectWarning } from './check-project.ts';
import { lockKey, readSyncLock, type SyncLock, writeSyncLock } from './sync-lock.ts';

export interface PushOptions {
  dryRun?: boolean;
  /** The changelog message of every version this push creates. */
  message?: string;
  /** Create versions even where the catalog moved past the version these files were based on. */
  force?: boolean;
  /**
   * Called for each artifact the push would give a new version, before anything is written; throws
   * to refuse. Unchanged files are not asked about, so a team can push a folder that also holds the
   * platform team's central fragments (docs/governance.md, Central and local fragments).
   */
  authorizeChange?: (item: PushItem) => void;
}

export interface PushItem {
  kind: ArtifactKind;
  name: string;
  file: string;
  action: 'create' | 'update' | 'unchanged';
  /** The catalog's latest version before the push (null: new). */
  fromVersion: number | null;
  /** The version after the push (the same as before when unchanged). */
  toVersion: number;
  contentHash: string;
}

export interface PushReport {
  dryRun: boolean;
  environmentsAdded: string[];
  /** Whether policies.yaml differed from the policies in force (and, unless a dry run, replaced them). */
  policiesUpdated: boolean;
  items: PushItem[];
  warnings: ProjectWarning[];
  /** promptops.yaml `files` retrieval sources: their folder's documents, loaded in the same transaction. */
  documents?: { source: string; added: number; changed: number; unchanged: number; removed: number }[];
}

/**
 * Syncs a project folder to the catalog in one transaction: a new version only where the content
 * changed, nothing at all when any file is invalid or stale. A file is stale when the lock file says
 * it was based on a version older than the catalog's latest: someone changed the prompt elsewhere
 * and pushing would overwrite their work (`--force` does so knowingly).
 */
export async function pushProject(
  catalog: Catalog,
  actor: Actor,
  project: Project,
  options: PushOptions = {},
): Promise<PushReport> {
  const warnings = await checkProject(catalog, project);
  const instance = await catalog.instanceId();
  const lock = await readSyncLock(project.root);
  const bases = lock?.instance === instance ? lock.artifacts : {};
  const message = options.message ?? `push from ${basename(project.root)}`;
  const environments = project.config.environments;

  if (options.dryRun) {
    const items = await planPush(catalog.db, project, bases, options.force ?? false);
    for (const item of items) if (item.action !== 'unchanged') options.authorizeChange?.(item);
    const known = new Set(await catalog.environments());
    return {
      dryRun: true,
      environmentsAdded: environments.filter((name) => !known.has(name)),
      policiesUpdated: await policiesChanged(catalog.db, project.policies),
      items,
      warnings,
    };
  }

  const folders = await readRetrievalFolders(project, warnings);
  const report = await mutate(catalog.db, { actor: actor.actor, clock: catalog.clock }, async (context) => {
    const policiesUpdated = await storeCatalogPolicies(context, project.policies);
    const environmentsAdded = await ensureEnvironments(context.tx, environments, context.now());
    for (const name of environmentsAdded)
      context.audit({ action: 'environment-create', targetKind: 'environment', target: name });
    const items = await planPush(context.tx, project, bases, options.force ?? false);
    for (const item of items) if (item.action !== 'unchanged') options.authorizeChange?.(item);
    for (const item of items) {
      if (item.action === 'unchanged') continue;
      const artifact = project.artifacts.find(
        (candidate) => candidate.kind === item.kind && candidate.name === item.name,
      )!;
      const saved = await saveVersionIn(context, {
        kind: item.kind,
        name: item.name,
        content: artifact.content,
        parentVersion: item.fromVersion,
        message,
      });
      item.toVersion = saved.version;
    }
    const documents = [];
    for (const { source, read } of folders) {
      documents.push({
        source,
        ...(await upsertRetrievalDocuments(context.tx, source, read, { replace: true })),
      });
    }
    return {
      dryRun: false,
      environmentsAdded,
      policiesUpdated,
      items,
      warnings,
      ...(documents.length > 0 && { documents }),
    };
  });
  await writeSyncLock(project.root, lockFrom(instance, report.items));
  return report;
}

/**
 * The documents of every `files` retrieval source, read before the transaction opens. A folder that
 * is not there (files imported over HTTP carry only prompts, fragments and banks) keeps the source's
 * documents as they are, with a warning; any other read error stops the push.
 */
async function readRetrievalFolders(project: Project, warnings: ProjectWarning[]) {
  const folders = [];
  for (const [source, config] of Object.entries(project.config.retrieval.sources)) {
    if (config.kind !== 'files') continue;
    try {
      folders.push({ source, read: await readFolderDocuments(join(project.root, config.folder), source) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        warnings.push({
          message: `retrieval source "${source}": no folder ${config.folder}; its documents were left as they are`,
          location: {
            file: join(project.root, 'promptops.yaml'),
            field: `retrieval.sources.${source}.folder`,
          },
        });
        continue;
      }
      throw new PromptopsError(
        'config_invalid',
        `retrieval source "${source}": cannot read ${config.folder}: ${(error as Error).message}; nothing was pushed`,
        {
          location: {
            file: join(project.root, 'promptops.yaml'),
            field: `retrieval.sources.${source}.folder`,
          },
        },
      );
    }
  }
  return folders;
}

async function planPush(
  executor: Executor,
  project: Project,
  bases: SyncLock['artifacts'],
  force: boolean,
): Promise<PushItem[]> {
  const items: PushItem[] = [];
  const conflicts: { message: string; location: { file: string } }[] = [];
  for (const artifact of project.artifacts) {
    const hash = contentHash(normaliseContent(artifact.kind, artifact.name, artifact.content));
    const existing = await findArtifact(executor, artifact.kind, artifact.name);
    const base = { kind: artifact.kind, name: artifact.name, file: artifact.file, contentHash: hash };
    if (!existing || existing.headVersion === 0) {
      items.push({ ...base, action: 'create', fromVersion: null, toVersion: 1 });
      continue;
    }
    const head = await findVersion(executor, existing.id, existing.headVersion);
    if (head?.contentHash === hash) {
      items.push({
        ...base,
        action: 'unchanged',
        fromVersion: existing.headVersion,
        toVersion: existing.headVersion,
      });
      continue;
    }
    const basedOn = bases[lockKey(artifact.kind, artifact.name)]?.version;
    if (basedOn !== undefined && basedOn !== existing.headVersion && !force) {
      conflicts.push({
        message: `${artifact.file} was based on ${artifact.name} v${basedOn}, but the catalog is at v${existing.headVersion} (by ${head?.author ?? 'unknown'}); pull, merge your edit, and push again (or --force to overwrite)`,
        location: { file: artifact.file },
      });
    }
    items.push({
      ...base,
      action: 'update',
      fromVersion: existing.headVersion,
      toVersion: existing.headVersion + 1,
    });
  }
  if (conflicts.length > 0) {
    throw new PromptopsError(
      'conflict',
      `${conflicts.length} file(s) are stale; nothing was pushed. ${conflicts[0]!.message}`,
      {
        location: conflicts[0]!.location,
        issues: conflicts,
      },
    );
  }
  return items;
}

function lockFrom(instance: string, items: PushItem[]): SyncLock {
  return {
    instance,
    artifacts: Object.fromEntries(
      items.map((item) => [
        lockKey(item.kind, item.name),
        { version: item.toVersion, hash: item.contentHash },
      ]),
    ),
  };
}
