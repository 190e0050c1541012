import type { PromptopsError } from '../../errors/index.ts';
import { checkFragments, type UsedFragment } from '../../templates/index.ts';
import type { PromptContent } from '../content/prompt-content.ts';
import type { Catalog } from './catalog.ts';
import { catalogFragmentSource } from './catalog-fragment-source.ts';
import { catalogOverrides } from './catalog-override-rules.ts';
import type { VersionRecord } from './records.ts';

/**
 * The fragments a prompt version resolves to in an environment (the latest without one), with
 * the team overrides that apply, without rendering: what the prompt page shows.
 */
export async function promptFragments(
  catalog: Catalog,
  version: VersionRecord,
  environment?: string,
): Promise<{ ok: true; fragments: UsedFragment[] } | { ok: false; error: PromptopsError }> {
  const checked = await checkFragments(
    version.content as PromptContent,
    catalogFragmentSource(catalog, { environment }),
    {
      file: `${version.name}#${version.version}`,
      overrides: await catalogOverrides(catalog, version.name),
    },
  );
  return checked.ok ? { ok: true, fragments: checked.fragments } : checked;
}
