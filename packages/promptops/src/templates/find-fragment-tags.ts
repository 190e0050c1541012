import { Tag, type Template, toValueSync } from 'liquidjs';
import { type FragmentReference, parseFragmentReference } from './fragment-source.ts';

/** A tag that pulls in another template: where it is and, when written as a quoted literal, what. */
export interface FragmentTag {
  tag: 'render' | 'include' | 'layout';
  /** The quoted name as written (`support/persona@3`); undefined when the name is computed. */
  reference: string | undefined;
  line: number;
  column: number;
}

const PARTIAL_TAGS = new Set(['render', 'include', 'layout']);

/**
 * Every render/include/layout tag in parsed templates, however deeply nested in if/for/capture.
 * Fragments are resolved before rendering, so a name must be knowable without rendering.
 */
export function findFragmentTags(templates: Template[]): FragmentTag[] {
  const found: FragmentTag[] = [];
  const visit = (template: Template): void => {
    if (template instanceof Tag && PARTIAL_TAGS.has(template.name)) {
      const [line = 0, column = 0] = template.token.getPosition();
      // partialScope() names the partial only when the tag's name is a plain quoted literal.
      const reference = (template as Template).partialScope?.()?.name;
      found.push({ tag: template.name as FragmentTag['tag'], reference, line, column });
      return;
    }
    if (template.children) {
      for (const child of toValueSync(template.children(false, true)) as Template[]) visit(child);
    }
  };
  for (const template of templates) visit(template);
  return found;
}

/**
 * The fragment a tag includes, or why it cannot be resolved ahead of rendering: the name must be a
 * quoted literal naming a catalog fragment.
 */
export function fragmentTagReference(
  tag: FragmentTag,
): { ok: true; text: string; reference: FragmentReference } | { ok: false; message: string } {
  if (tag.tag === 'layout') {
    return {
      ok: false,
      message: "{% layout %} is not supported; include fragments with {% render 'name' %}",
    };
  }
  if (tag.reference === undefined) {
    return {
      ok: false,
      message: `{% ${tag.tag} %} needs the fragment name as a quoted literal, e.g. {% ${tag.tag} 'support/persona' %}; computed names cannot be resolved before rendering`,
    };
  }
  const parsed = parseFragmentReference(tag.reference);
  return parsed.ok ? { ok: true, text: tag.reference, reference: parsed.reference } : parsed;
}
