import { PromptopsError } from '../../errors/index.ts';
import { type RenderResult, renderPrompt } from '../../templates/index.ts';
import type { PromptContent } from '../content/prompt-content.ts';
import type { Catalog } from './catalog.ts';
import { catalogFragmentSource } from './catalog-fragment-source.ts';
import { catalogOverrides } from './catalog-override-rules.ts';
import type { VersionRecord } from './records.ts';
import type { VersionSelector } from './selector.ts';

export interface RenderVersionInput {
  name: string;
  selector: VersionSelector;
  variables: Record<string, unknown>;
  /** Environment for unpinned fragments; defaults to the selector's environment, if it names one. */
  fragmentEnvironment?: string;
}

export type RenderedVersion = { version: VersionRecord; result: RenderResult };

/** Resolves a prompt version and renders it with fragments from the catalog, team overrides applied. */
export async function renderVersion(catalog: Catalog, input: RenderVersionInput): Promise<RenderedVersion> {
  const version = await catalog.resolve('prompt', input.name, input.selector);
  const environment =
    input.fragmentEnvironment ?? ('environment' in input.selector ? input.selector.environment : undefined);
  const result = await renderPrompt(version.content as PromptContent, input.variables, {
    fragments: catalogFragmentSource(catalog, { environment }),
    overrides: await catalogOverrides(catalog, input.name),
    file: `${input.name}#${version.version}`,
  });
  return { version, result };
}

/** The rendered prompt as plain text with role headings, for terminals and diffs. */
export function renderedText(result: Extract<RenderResult, { ok: true }>): string {
  if (result.text !== undefined) return result.text;
  return (result.messages ?? []).map((message) => `[${message.role}]\n${message.content}`).join('\n\n');
}

/** Turns a failed render into the error it carries, for callers that want an exception. */
export function renderedOrThrow(rendered: RenderedVersion): Extract<RenderResult, { ok: true }> {
  if (!rendered.result.ok) throw rendered.result.error;
  return rendered.result;
}

export function assertPrompt(version: VersionRecord): void {
  if (version.kind !== 'prompt') {
    throw new PromptopsError(
      'invalid_argument',
      `${version.name} is a ${version.kind}; only prompts render`,
      {},
    );
  }
}
