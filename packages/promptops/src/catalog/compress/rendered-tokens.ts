import { countChatTokens, countTextTokens, renderPrompt } from '../../templates/index.ts';
import type { PromptContent } from '../content/prompt-content.ts';
import { placeholderVariables } from '../diff/placeholder-variables.ts';
import type { Catalog } from '../service/catalog.ts';
import { catalogFragmentSource } from '../service/catalog-fragment-source.ts';
import { catalogOverrides } from '../service/catalog-override-rules.ts';

/**
 * Tokens of one request as the model receives it: the content rendered with placeholder values for
 * variables without defaults (as `diff` renders for review) and every fragment inlined, counted with
 * the chat framing. `undefined` when it does not render.
 */
export async function renderedTokens(
  catalog: Catalog,
  name: string,
  content: PromptContent,
): Promise<number | undefined> {
  const result = await renderPrompt(content, placeholderVariables(content.variables), {
    fragments: catalogFragmentSource(catalog, {}),
    overrides: await catalogOverrides(catalog, name),
    file: name,
  });
  if (!result.ok) return undefined;
  return result.text !== undefined ? countTextTokens(result.text) : countChatTokens(result.messages ?? []);
}
