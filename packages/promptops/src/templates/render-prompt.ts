import type { ChatMessage, PromptContent } from '../catalog/content/prompt-content.ts';
import type { PromptopsError } from '../errors/index.ts';
import type { FragmentOverrides, UsedFragment } from './fragment-overrides.ts';
import type { FragmentSource } from './fragment-source.ts';
import { TEMPLATE_LIMITS, templateEngineFor } from './liquid-engine.ts';
import { assemblePrompt, duplicateSystemPromptError, promptFields } from './prompt-fields.ts';
import { resolveFragments } from './resolve-fragments.ts';
import { templateErrorFrom } from './template-error.ts';
import { countChatTokens, countTextTokens, TOKEN_ENCODING, type TokenEstimate } from './token-count.ts';
import { validateVariables } from './variables.ts';

export interface RenderPromptOptions {
  /** Where `{% render 'name' %}` fragments come from: the catalog at an environment, files, or a test map. */
  fragments: FragmentSource;
  /**
   * The prompt's name and the override rules in force (policies.yaml `overrides:`): a central
   * fragment a rule lets the prompt's folder override is replaced by that folder's override.
   * Without it, every fragment is used as included.
   */
  overrides?: FragmentOverrides;
  /** The file or artifact name put in error locations; '' when unknown (the caller fills it in). */
  file?: string;
}

export type RenderResult =
  | {
      ok: true;
      /** Chat prompts: the system sections laid out as the first system message, then `messages`. */
      messages?: ChatMessage[];
      /** Completion prompts (`text:`). */
      text?: string;
      /** The variables as rendered: validated, with schema defaults applied. */
      variables: Record<string, unknown>;
      /** Every fragment the render used, once each; `overriddenBy` names a team override applied. */
      fragments: UsedFragment[];
      tokens: TokenEstimate;
    }
  | { ok: false; error: PromptopsError };

/**
 * Renders a prompt: variables checked against its schema (defaults applied), fragments resolved
 * through the source, every template rendered with strict LiquidJS. Failures a user can cause
 * (bad variables, template errors, missing or cyclic fragments) come back as `{ ok: false }`.
 *
 * @example
 * const result = await renderPrompt(content, { customer_name: 'Ann' }, { fragments: createStaticFragmentSource({}) });
 * if (result.ok) send(result.messages);
 */
export async function renderPrompt(
  content: PromptContent,
  variables: Record<string, unknown>,
  options: RenderPromptOptions,
): Promise<RenderResult> {
  const file = options.file ?? '';
  const checked = validateVariables(content.variables, variables);
  if (!checked.ok) return checked;

  const duplicate = duplicateSystemPromptError(content, file);
  if (duplicate) return { ok: false, error: duplicate };

  const fields = promptFields(content);
  const resolution = await resolveFragments(fields, options.fragments, file, options.overrides);
  if (!resolution.ok) return resolution;

  const engine = templateEngineFor(resolution.templates);
  const renderedByField = new Map<string, string>();
  // One time budget for the whole prompt, so twenty slow system items cannot take twenty times as long.
  const deadline = performance.now() + TEMPLATE_LIMITS.renderMilliseconds;
  for (const { field, text } of fields) {
    try {
      renderedByField.set(
        field,
        engine.render(engine.parse(text), checked.variables, deadline - performance.now()),
      );
    } catch (error) {
      return {
        ok: false,
        error: templateErrorFrom(error, { file, field, fragmentsByText: resolution.labelsByText }),
      };
    }
  }

  const prompt = assemblePrompt(content, renderedByField);
  const estimate = prompt.messages ? countChatTokens(prompt.messages) : countTextTokens(prompt.text ?? '');
  return {
    ok: true,
    ...prompt,
    variables: checked.variables,
    fragments: resolution.used,
    tokens: { estimate, encoding: TOKEN_ENCODING },
  };
}
