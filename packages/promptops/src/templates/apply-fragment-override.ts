import { BlockTag, LayoutTag, Tag, type Template, TokenKind, toValueSync } from 'liquidjs';
import { type FragmentTag, findFragmentTags } from './find-fragment-tags.ts';
import type { FragmentOverrideRule } from './fragment-overrides.ts';
import type { ResolvedFragment } from './fragment-source.ts';

export type AppliedOverride =
  | {
      ok: true;
      /** The override with its layout pointed at `centralKey`, ready for the in-memory file system. */
      template: string;
      /** Fragments the override's blocks include, to resolve like any other. */
      nested: FragmentTag[];
    }
  | { ok: false; problem: string; line: number; block?: string };

interface Parser {
  parse(text: string): Template[];
}

/**
 * Checks a team override against its central fragment and rule, and prepares it for rendering.
 * An override is `{% layout '<central>' %}` followed only by `{% block %}` tags, each naming a
 * block the central fragment defines and the rule does not lock. LiquidJS's layout then renders
 * the central text with those blocks replaced (`{{ block.super }}` gives the central's own text),
 * so blocks not overridden keep the central text. `centralKey` is the name the central fragment
 * has in the render's file system: it differs from the name the prompt includes, which maps to
 * the override. Parse errors throw (the caller turns them into template errors).
 */
export function applyFragmentOverride(input: {
  parser: Parser;
  override: ResolvedFragment;
  central: ResolvedFragment;
  rule: FragmentOverrideRule;
  centralKey: string;
}): AppliedOverride {
  const { parser, override, central, rule } = input;
  const expected = `{% layout '${central.name}' %}`;
  const top = parser.parse(override.template).filter((template) => !isBlank(template));
  const layout = top[0];
  if (!(layout instanceof LayoutTag) || top.length > 1) {
    return {
      ok: false,
      problem: `an override starts with ${expected} and then only redefines blocks`,
      line: lineOf(layout),
    };
  }
  if (layout.partialScope()?.name !== central.name) {
    return {
      ok: false,
      problem: `an override of ${central.name} starts with ${expected}`,
      line: lineOf(layout),
    };
  }

  const defined = blockNames(parser.parse(central.template));
  const seen = new Set<string>();
  const nested: FragmentTag[] = [];
  for (const template of layout.templates) {
    if (isBlank(template)) continue;
    if (!(template instanceof BlockTag)) {
      return {
        ok: false,
        problem: `text outside a {% block %} would be ignored; an override only redefines blocks of ${central.name}`,
        line: lineOf(template),
      };
    }
    const block = template.block;
    const fail = (problem: string): AppliedOverride => ({
      ok: false,
      problem,
      line: lineOf(template),
      block,
    });
    if (seen.has(block)) return fail(`block '${block}' is redefined twice`);
    if (rule.lockedBlocks.includes(block)) {
      return fail(
        `block '${block}' of ${central.name} is locked (policies.yaml overrides); it cannot be overridden`,
      );
    }
    if (!defined.has(block)) {
      const known = [...defined].join(', ') || 'none';
      return fail(`${central.name} has no block '${block}' to override (its blocks: ${known})`);
    }
    seen.add(block);
    nested.push(...findFragmentTags(template.templates));
  }

  const token = layout.token;
  const tagText = token.input.slice(token.begin, token.end);
  const pointed = tagText.replace(/(['"])(.*?)\1/, `'${input.centralKey}'`);
  return {
    ok: true,
    template: `${token.input.slice(0, token.begin)}${pointed}${token.input.slice(token.end)}`,
    nested,
  };
}

/** The names of every `{% block %}` in parsed templates, however deeply nested. */
export function blockNames(templates: Template[]): Set<string> {
  const names = new Set<string>();
  const visit = (template: Template): void => {
    if (template instanceof BlockTag) names.add(template.block);
    if (template.children) {
      for (const child of toValueSync(template.children(false, true)) as Template[]) visit(child);
    }
  };
  for (const template of templates) visit(template);
  return names;
}

/** Whitespace and comments, which may sit anywhere in an override. */
function isBlank(template: Template): boolean {
  if (template instanceof Tag) return template.name === 'comment' || template.name === '#';
  return template.token.kind === TokenKind.HTML && template.token.getText().trim() === '';
}

function lineOf(template: Template | undefined): number {
  return template?.token.getPosition()[0] ?? 1;
}
