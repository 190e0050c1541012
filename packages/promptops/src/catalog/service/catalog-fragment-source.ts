import { PromptopsError } from '../../errors/index.ts';
import type { FragmentReference, FragmentSource, ResolvedFragment } from '../../templates/index.ts';
import type { FragmentContent } from '../content/fragment-content.ts';
import type { Catalog } from './catalog.ts';
import type { VersionSelector } from './selector.ts';

export interface CatalogFragmentSourceOptions {
  /**
   * The environment the including prompt runs in. Unpinned fragments resolve to what that
   * environment serves, so an unreviewed fragment edit never reaches production through a prompt
   * that was reviewed; without an environment (drafts, `render` of a version) the latest is used.
   */
  environment?: string;
  /** Fragment drafts from files, used for unpinned references before they are pushed. */
  drafts?: ReadonlyMap<string, string>;
}

/** Resolves `{% render %}` references from the catalog, per the rules above. */
export function catalogFragmentSource(
  catalog: Catalog,
  options: CatalogFragmentSourceOptions = {},
): FragmentSource {
  return {
    async resolve(reference: FragmentReference): Promise<ResolvedFragment | undefined> {
      const draft = reference.pin === undefined ? options.drafts?.get(reference.name) : undefined;
      if (draft !== undefined) return { name: reference.name, version: 0, template: draft };
      const selector: VersionSelector =
        reference.pin === undefined
          ? options.environment
            ? { environment: options.environment }
            : { latest: true }
          : 'version' in reference.pin
            ? { version: reference.pin.version }
            : { environment: reference.pin.label };
      try {
        const version = await catalog.resolve('fragment', reference.name, selector);
        return {
          name: reference.name,
          version: version.version,
          template: (version.content as FragmentContent).template,
        };
      } catch (error) {
        if (PromptopsError.isInstance(error) && error.code === 'prompt_not_found') return undefined;
        throw error;
      }
    },
  };
}
