import { mutate } from '../../governance/audit/index.ts';
import {
  type ArtifactFilter,
  type Database,
  ensureEnvironments,
  instanceId,
  listEnvironments,
} from '../../store/index.ts';
import type { ArtifactKind } from '../content/names.ts';
import { type MoveLabelInput, moveLabelIn } from './move-label.ts';
import {
  type ArtifactDetail,
  type ArtifactHistory,
  findArtifactSummaries,
  getArtifact,
  getHistory,
  resolveVersion,
} from './read-catalog.ts';
import type { ArtifactSummary, DeploymentSummary, SaveResult, VersionRecord } from './records.ts';
import { retireArtifactIn } from './retire-artifact.ts';
import { type SaveVersionInput, saveVersionIn } from './save-version.ts';
import type { VersionSelector } from './selector.ts';

export interface CatalogOptions {
  db: Database;
  clock?: () => Date;
}

/** Who is acting, for the audit trail: `user:alice`, `token:ci-deploy`, `local:alice` from the CLI. */
export interface Actor {
  actor: string;
}

/**
 * The catalog: prompts, fragments and example banks with immutable versions and environments.
 * Reads go straight to the store; every write goes through the audited mutation funnel.
 *
 * @example
 * const catalog = createCatalog({ db });
 * await catalog.saveVersion({ actor: 'local:alice' }, { kind: 'prompt', name: 'support/greet',
 *   content, parentVersion: null, message: 'first draft' });
 */
export function createCatalog(options: CatalogOptions) {
  const { db, clock } = options;
  const write = <T>(actor: Actor, work: Parameters<typeof mutate<T>>[2]) =>
    mutate(db, { actor: actor.actor, clock }, work);

  return {
    db,
    clock,
    saveVersion: (actor: Actor, input: SaveVersionInput): Promise<SaveResult> =>
      write(actor, (context) => saveVersionIn(context, input)),
    moveLabel: (actor: Actor, input: MoveLabelInput): Promise<DeploymentSummary> =>
      write(actor, (context) => moveLabelIn(context, input)),
    retire: (
      actor: Actor,
      input: { kind: ArtifactKind; name: string; reason: string },
    ): Promise<ArtifactSummary> => write(actor, (context) => retireArtifactIn(context, input)),
    ensureEnvironments: (actor: Actor, names: string[]): Promise<string[]> =>
      write(actor, async (context) => {
        const added = await ensureEnvironments(context.tx, names, context.now());
        for (const name of added)
          context.audit({ action: 'environment-create', targetKind: 'environment', target: name });
        return added;
      }),
    environments: (): Promise<string[]> => listEnvironments(db),
    get: (kind: ArtifactKind, name: string): Promise<ArtifactDetail> => getArtifact(db, kind, name),
    list: (filter: ArtifactFilter = {}): Promise<ArtifactSummary[]> => findArtifactSummaries(db, filter),
    resolve: (kind: ArtifactKind, name: string, selector: VersionSelector): Promise<VersionRecord> =>
      resolveVersion(db, kind, name, selector),
    history: (kind: ArtifactKind, name: string): Promise<ArtifactHistory> => getHistory(db, kind, name),
    instanceId: (): Promise<string> => instanceId(db),
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
