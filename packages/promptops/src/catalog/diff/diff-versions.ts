import { PromptopsError } from '../../errors/index.ts';
import { renderPrompt, type UsedFragment } from '../../templates/index.ts';
import type { FragmentContent } from '../content/fragment-content.ts';
import type { ArtifactKind } from '../content/names.ts';
import type { PromptContent } from '../content/prompt-content.ts';
import type { Catalog } from '../service/catalog.ts';
import { catalogFragmentSource } from '../service/catalog-fragment-source.ts';
import { catalogOverrides } from '../service/catalog-override-rules.ts';
import type { VersionRecord, VersionSummary } from '../service/records.ts';
import { renderedText } from '../service/render-version.ts';
import type { VersionSelector } from '../service/selector.ts';
import { diffFields, type FieldChange, lineDiff } from './diff-fields.ts';
import { placeholderVariables } from './placeholder-variables.ts';

export interface VersionDiff {
  kind: ArtifactKind;
  name: string;
  from: VersionSummary;
  to: VersionSummary;
  fields: FieldChange[];
  /** Line diff of the rendered prompt (prompts) or template (fragments); a reason when it cannot render. */
  rendered: { lines: string[] } | { unavailable: string } | null;
  /**
   * The fragments each side resolved to, when they differ (another version, or a team override in
   * one and not the other); null when the same or not a prompt.
   */
  fragments: { from: UsedFragment[]; to: UsedFragment[] } | null;
}

/**
 * What changed between two versions: every field, and the rendered messages as a reader will see
 * them. Variables the caller does not give are filled with placeholders (`‹name›`), so a diff needs
 * no test data. A side named by an environment resolves its fragments (and team overrides) at
 * that environment, as it is served; a side named by version, at the latest.
 */
export async function diffVersions(
  catalog: Catalog,
  kind: ArtifactKind,
  name: string,
  selectors: [VersionSelector, VersionSelector],
  variables: Record<string, unknown> = {},
): Promise<VersionDiff> {
  const [from, to] = await Promise.all(selectors.map((selector) => catalog.resolve(kind, name, selector)));
  if (!from || !to) throw new PromptopsError('internal', 'diff resolved no versions', {});
  const environments = selectors.map((selector) =>
    'environment' in selector ? selector.environment : undefined,
  ) as [string | undefined, string | undefined];
  return {
    kind,
    name,
    from: summary(from),
    to: summary(to),
    fields: diffFields(from.content, to.content),
    ...(await renderedDiff(catalog, [from, to], environments, variables)),
  };
}

async function renderedDiff(
  catalog: Catalog,
  versions: [VersionRecord, VersionRecord],
  environments: [string | undefined, string | undefined],
  variables: Record<string, unknown>,
): Promise<Pick<VersionDiff, 'rendered' | 'fragments'>> {
  const [from, to] = versions;
  if (from.kind === 'fragment') {
    return {
      rendered: {
        lines: lineDiff((from.content as FragmentContent).template, (to.content as FragmentContent).template),
      },
      fragments: null,
    };
  }
  if (from.kind !== 'prompt') return { rendered: null, fragments: null };
  const texts: string[] = [];
  const used: UsedFragment[][] = [];
  for (const [index, version] of versions.entries()) {
    const content = version.content as PromptContent;
    const result = await renderPrompt(
      content,
      { ...placeholderVariables(content.variables), ...variables },
      {
        fragments: catalogFragmentSource(catalog, { environment: environments[index] }),
        overrides: await catalogOverrides(catalog, version.name),
        file: `${version.name}#${version.version}`,
      },
    );
    if (!result.ok) {
      const unavailable = `v${version.version} does not render: ${result.error.message}`;
      return { rendered: { unavailable }, fragments: null };
    }
    texts.push(renderedText(result));
    used.push(result.fragments);
  }
  const [before, after] = used as [UsedFragment[], UsedFragment[]];
  return {
    rendered: { lines: lineDiff(texts[0]!, texts[1]!) },
    fragments: JSON.stringify(before) === JSON.stringify(after) ? null : { from: before, to: after },
  };
}

function summary(version: VersionRecord): VersionSummary {
  const { version: number, parentVersion, contentHash, author, message, createdAt } = version;
  return { version: number, parentVersion, contentHash, author, message, createdAt };
}
