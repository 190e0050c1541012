import { PromptopsError } from '../../errors/index.ts';
import type { Catalog } from '../service/catalog.ts';
import type { ArtifactSummary } from '../service/records.ts';

type ResolvedVersion = Awaited<ReturnType<Catalog['resolve']>>;

export interface ActiveArtifacts {
  /** Each active artifact with the version it resolves to (latest, or what the environment serves). */
  resolved: { artifact: ArtifactSummary; version: ResolvedVersion }[];
  /** Artifacts with nothing deployed in the requested environment. */
  notDeployed: string[];
}

/**
 * The catalog's active artifacts at their latest versions, or at what `environment` serves; those the
 * environment does not serve are named in `notDeployed`. What `pull` writes and an export returns.
 */
export async function resolveActiveArtifacts(
  catalog: Catalog,
  options: { environment?: string; prefix?: string; include?: (artifact: ArtifactSummary) => boolean } = {},
): Promise<ActiveArtifacts> {
  const selector = options.environment ? { environment: options.environment } : { latest: true as const };
  const artifacts = await catalog.list({
    status: 'active',
    limit: 100_000,
    ...(options.prefix && { prefix: options.prefix }),
  });
  const result: ActiveArtifacts = { resolved: [], notDeployed: [] };
  for (const artifact of artifacts) {
    if (options.include && !options.include(artifact)) continue;
    try {
      result.resolved.push({
        artifact,
        version: await catalog.resolve(artifact.kind, artifact.name, selector),
      });
    } catch (error) {
      if (!PromptopsError.isInstance(error) || error.code !== 'environment_not_found') throw error;
      result.notDeployed.push(artifact.name);
    }
  }
  return result;
}
