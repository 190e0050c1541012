import type { PromptContent } from '../catalog/content/prompt-content.ts';
import type { PromptopsError } from '../errors/index.ts';
import type { FragmentOverrides, UsedFragment } from './fragment-overrides.ts';
import type { FragmentSource } from './fragment-source.ts';
import { promptFields } from './prompt-fields.ts';
import { resolveFragments } from './resolve-fragments.ts';

/** A resolved fragment's template, named `name@version`, for checks that read what prompts include. */
export interface IncludedTemplate {
  name: string;
  template: string;
}

/**
 * Resolves every fragment a prompt includes, recursively, without rendering: a missing fragment, a
 * cycle or a chain deeper than allowed comes back as an error value. Push runs this against the
 * files being pushed (and the catalog for pinned references) so such mistakes never get a version.
 */
export async function checkFragments(
  content: PromptContent,
  source: FragmentSource,
  options: { file?: string; overrides?: FragmentOverrides } = {},
): Promise<
  | { ok: true; fragments: UsedFragment[]; templates: IncludedTemplate[] }
  | { ok: false; error: PromptopsError }
> {
  const resolution = await resolveFragments(
    promptFields(content),
    source,
    options.file ?? '',
    options.overrides,
  );
  if (!resolution.ok) return resolution;
  const templates = [...resolution.templates.values()].map((template) => ({
    name: resolution.labelsByText.get(template) ?? 'fragment',
    template,
  }));
  return { ok: true, fragments: resolution.used, templates };
}

/**
 * The same check for a fragment on its own: the fragments it includes exist and do not lead back to
 * it. A fragment that includes itself through others can never render, so it must not be stored.
 */
export async function checkFragmentIncludes(
  template: string,
  source: FragmentSource,
  options: { file?: string } = {},
): Promise<{ ok: true } | { ok: false; error: PromptopsError }> {
  const resolution = await resolveFragments(
    [{ field: 'template', text: template }],
    source,
    options.file ?? '',
  );
  return resolution.ok ? { ok: true } : resolution;
}
