import { DATA_CLASSIFICATIONS } from '../../catalog/content/names.ts';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import { normaliseContent } from '../../catalog/service/content-schemas.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { CachedCatalog } from './cached-catalog.ts';
import { applyEnvironmentOverrides } from './environment-overrides.ts';

/** Stage 1 for `RunOptions.draft`: no version, the arm says so. */
export interface ResolvedDraft {
  name: string;
  version: null;
  arm: 'draft';
  environment: string | undefined;
  content: PromptContent;
}

/**
 * An unsaved prompt's content in place of a catalog version (the web editor's "Try it", issue 8).
 * It is checked as the catalog checks content given through the API (a bad field is an
 * `invalid_argument` naming it). When the name already exists, the stricter of its saved
 * classification and the draft's applies: a draft must not pick a laxer data class to reach a model
 * that policies.yaml forbids for the prompt's data.
 */
export async function resolveDraft(
  cache: CachedCatalog,
  name: string,
  draft: unknown,
  environment: string | undefined,
): Promise<ResolvedDraft> {
  const checked = normaliseContent('prompt', name, draft) as PromptContent;
  const saved = await savedClassification(cache, name);
  const content =
    saved === undefined || rank(saved) <= rank(checked.classification)
      ? checked
      : { ...checked, classification: saved };
  return {
    name,
    version: null,
    arm: 'draft',
    environment,
    content: applyEnvironmentOverrides(content, environment),
  };
}

async function savedClassification(cache: CachedCatalog, name: string) {
  try {
    const { version } = await cache.served('prompt', name, undefined);
    const record = await cache.version('prompt', name, version);
    return (record.content as PromptContent).classification;
  } catch (error) {
    if (PromptopsError.isInstance(error) && error.code === 'prompt_not_found') return undefined;
    throw error;
  }
}

const rank = (classification: PromptContent['classification']) =>
  DATA_CLASSIFICATIONS.indexOf(classification);
