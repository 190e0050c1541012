import type { FragmentContent } from '../../catalog/content/fragment-content.ts';
import type { ArtifactKind } from '../../catalog/content/names.ts';
import type { Catalog } from '../../catalog/service/catalog.ts';
import type { ArtifactDetail } from '../../catalog/service/read-catalog.ts';
import type { VersionRecord } from '../../catalog/service/records.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { FragmentReference, FragmentSource, ResolvedFragment } from '../../templates/index.ts';

export interface CachedCatalogOptions {
  catalog: Catalog;
  /**
   * How long an artifact's deployments and head are trusted without a change event. Change events
   * (LISTEN/NOTIFY) invalidate at once; this bounds staleness if one is ever missed.
   */
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  detail: ArtifactDetail;
  loadedAt: number;
}

/**
 * The runtime's view of the catalog (DESIGN.md stage 1): versions are immutable and cached for
 * good; what an environment serves and which version is latest are cached until a change event
 * for that artifact or the TTL. A resolve on a warm cache touches no database.
 */
export function createCachedCatalog(options: CachedCatalogOptions) {
  const { catalog } = options;
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const details = new Map<string, Entry>();
  const versions = new Map<string, VersionRecord>();
  const key = (kind: ArtifactKind, name: string) => `${kind}:${name}`;

  async function detail(kind: ArtifactKind, name: string): Promise<ArtifactDetail> {
    const cached = details.get(key(kind, name));
    if (cached && now() - cached.loadedAt < ttlMs) return cached.detail;
    const fresh = await catalog.get(kind, name);
    details.set(key(kind, name), { detail: fresh, loadedAt: now() });
    return fresh;
  }

  async function version(kind: ArtifactKind, name: string, number: number): Promise<VersionRecord> {
    const versionKey = `${key(kind, name)}#${number}`;
    const cached = versions.get(versionKey);
    if (cached) return cached;
    const fresh = await catalog.resolve(kind, name, { version: number });
    if (versions.size > 5_000) versions.delete(versions.keys().next().value!);
    versions.set(versionKey, fresh);
    return fresh;
  }

  /** The stable version an environment serves, or the latest when no environment is given. */
  async function served(kind: ArtifactKind, name: string, environment: string | undefined) {
    const artifact = await detail(kind, name);
    if (environment === undefined) return { artifact, deployment: undefined, version: artifact.headVersion };
    const deployment = artifact.deployments.find((candidate) => candidate.environment === environment);
    if (!deployment) {
      throw new PromptopsError(
        'environment_not_found',
        `${kind} ${name} has no version in ${environment}; label one with \`promptops label ${name} VERSION ${environment}\``,
        { name, environment },
      );
    }
    return { artifact, deployment, version: deployment.stableVersion };
  }

  function fragmentSource(environment: string | undefined): FragmentSource {
    return {
      async resolve(reference: FragmentReference): Promise<ResolvedFragment | undefined> {
        try {
          let number: number;
          if (reference.pin && 'version' in reference.pin) number = reference.pin.version;
          else
            number = (await served('fragment', reference.name, reference.pin?.label ?? environment)).version;
          const record = await version('fragment', reference.name, number);
          return {
            name: reference.name,
            version: number,
            template: (record.content as FragmentContent).template,
          };
        } catch (error) {
          if (PromptopsError.isInstance(error) && error.code === 'prompt_not_found') return undefined;
          throw error;
        }
      },
    };
  }

  return {
    detail,
    version,
    served,
    fragmentSource,
    /** Drops what a change event says changed. */
    invalidate(kind: string, name: string) {
      details.delete(`${kind}:${name}`);
    },
    invalidateAll() {
      details.clear();
    },
  };
}

export type CachedCatalog = ReturnType<typeof createCachedCatalog>;
