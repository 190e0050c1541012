import { PromptopsError } from '../../errors/index.ts';
import { renderPrompt } from '../../templates/index.ts';
import type { FragmentContent } from '../content/fragment-content.ts';
import type { ArtifactKind } from '../content/names.ts';
import type { PromptContent } from '../content/prompt-content.ts';
import type { Catalog } from '../service/catalog.ts';
import { catalogFragmentSource } from '../service/catalog-fragment-source.ts';
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
}

/**
 * What changed between two versions: every field, and the rendered messages as a reader will see
 * them. Variables the caller does not give are filled with placeholders (`‹name›`), so a diff needs
 * no test data.
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
  return {
    kind,
    name,
    from: summary(from),
    to: summary(to),
    fields: diffFields(from.content, to.content),
    rendered: await renderedDiff(catalog, from, to, variables),
  };
}

async function renderedDiff(
  catalog: Catalog,
  from: VersionRecord,
  to: VersionRecord,
  variables: Record<string, unknown>,
): Promise<VersionDiff['rendered']> {
  if (from.kind === 'fragment') {
    return {
      lines: lineDiff((from.content as FragmentContent).template, (to.content as FragmentContent).template),
    };
  }
  if (from.kind !== 'prompt') return null;
  const texts: string[] = [];
  for (const version of [from, to]) {
    const content = version.content as PromptContent;
    const result = await renderPrompt(
      content,
      { ...placeholderVariables(content.variables), ...variables },
      {
        fragments: catalogFragmentSource(catalog),
        file: `${version.name}#${version.version}`,
      },
    );
    if (!result.ok) return { unavailable: `v${version.version} does not render: ${result.error.message}` };
    texts.push(renderedText(result));
  }
  return { lines: lineDiff(texts[0]!, texts[1]!) };
}

function summary(version: VersionRecord): VersionSummary {
  const { version: number, parentVersion, contentHash, author, message, createdAt } = version;
  return { version: number, parentVersion, contentHash, author, message, createdAt };
}
