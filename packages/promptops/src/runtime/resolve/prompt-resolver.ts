import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import type { CachedCatalog } from './cached-catalog.ts';
import { inCanary } from './canary-assignment.ts';
import { applyEnvironmentOverrides } from './environment-overrides.ts';

/**
 * Which side of a deployment answered: stable, canary, or a version asked for by number / latest;
 * `draft` is unsaved content (RunOptions.draft), with no version.
 */
export type Arm = 'stable' | 'canary' | 'pinned' | 'latest' | 'draft';

export interface ResolvedPrompt {
  name: string;
  version: number;
  arm: Arm;
  environment: string | undefined;
  /** The content with the environment's overrides applied. */
  content: PromptContent;
  contentHash: string;
}

export interface ResolveOptions {
  environment?: string;
  /** Run exactly this version (tests, evaluation); bypasses the deployment. */
  version?: number;
  /** User, session or request id: the same key lands on the same arm for as long as the canary runs. */
  stickyKey: string;
}

/** Stage 1 of the pipeline: (prompt, environment, sticky key) → the version to run. */
export async function resolvePrompt(
  cache: CachedCatalog,
  name: string,
  options: ResolveOptions,
): Promise<ResolvedPrompt> {
  let number: number;
  let arm: Arm;
  if (options.version !== undefined) {
    number = options.version;
    arm = 'pinned';
  } else {
    const { deployment, version } = await cache.served('prompt', name, options.environment);
    number = version;
    arm = options.environment === undefined ? 'latest' : 'stable';
    if (deployment?.canaryVersion != null && deployment.canaryPercent != null) {
      if (inCanary(name, options.stickyKey, Math.round(deployment.canaryPercent * 100))) {
        number = deployment.canaryVersion;
        arm = 'canary';
      }
    }
  }
  const record = await cache.version('prompt', name, number);
  return {
    name,
    version: number,
    arm,
    environment: options.environment,
    content: applyEnvironmentOverrides(record.content as PromptContent, options.environment),
    contentHash: record.contentHash,
  };
}
