import type { PromptContent } from '../content/index.ts';
import type { Catalog } from '../service/catalog.ts';
import { catalogFragmentSource } from '../service/catalog-fragment-source.ts';
import type { ArtifactReference } from '../service/selector.ts';
import { type LintOptions, lintPrompt } from './lint-prompt.ts';
import type { LintFinding } from './lint-types.ts';

/**
 * Lints a stored version (latest, `NAME#3`, or what `NAME@production` serves). There is no file:
 * findings name the field path and the line within its template. Fragments resolve as that version
 * would render them: at the environment's label when one is named, else their latest versions.
 */
export async function lintCatalogPrompt(
  catalog: Catalog,
  reference: ArtifactReference,
  options: LintOptions = {},
): Promise<{ version: number; findings: LintFinding[] }> {
  const version = await catalog.resolve('prompt', reference.name, reference.selector);
  const environment = 'environment' in reference.selector ? reference.selector.environment : undefined;
  const findings = await lintPrompt(
    {
      name: reference.name,
      content: version.content as PromptContent,
      fragments: catalogFragmentSource(catalog, environment ? { environment } : {}),
    },
    options,
  );
  return { version: version.version, findings };
}
