import { MAX_FRAGMENT_DEPTH } from '../catalog/content/names.ts';
import { PromptopsError } from '../errors/index.ts';
import { type FragmentTag, findFragmentTags, fragmentTagReference } from './find-fragment-tags.ts';
import type { FragmentSource, ResolvedFragment } from './fragment-source.ts';
import { templateEngineFor } from './liquid-engine.ts';
import type { TemplateField } from './prompt-fields.ts';
import { templateErrorFrom } from './template-error.ts';

export interface ResolvedFragments {
  /** Fragment templates by reference text as the tags write it: the in-memory "file system" for rendering. */
  templates: Map<string, string>;
  /** Fragment name@version by template text, to attribute render errors to the fragment. */
  labelsByText: Map<string, string>;
  /** Each fragment used, once, in the order first included. */
  used: { name: string; version: number }[];
}

export type FragmentResolution = ({ ok: true } & ResolvedFragments) | { ok: false; error: PromptopsError };

interface Step {
  text: string;
  label: string;
}

/**
 * Finds every fragment the templates include, recursively, and resolves each through the source
 * before anything renders, so rendering itself never waits on the catalog and a cycle, a too-deep
 * chain or a missing fragment is reported with the chain that leads to it.
 */
export async function resolveFragments(
  fields: TemplateField[],
  source: FragmentSource,
  file: string,
): Promise<FragmentResolution> {
  const scanner = templateEngineFor(new Map());
  const resolved = new Map<string, ResolvedFragment>();
  // A fragment explored at some depth need not be explored again at that depth or deeper.
  const exploredAtDepth = new Map<string, number>();

  const include = async (tag: FragmentTag, path: Step[], field: string): Promise<void> => {
    const includer = path.at(-1);
    const where = includer
      ? `in fragment ${includer.label}, line ${tag.line}, included from ${field}`
      : `in ${field}, line ${tag.line}`;
    const fail = (
      code: 'template_error' | 'fragment_cycle' | 'prompt_not_found',
      problem: string,
      details: Record<string, unknown> = {},
    ) => new PromptopsError(code, `${problem} (${where})`, { location: { file, field }, ...details });
    const included = fragmentTagReference(tag);
    if (!included.ok) throw fail('template_error', included.message);
    const { text, reference } = included;

    let fragment = resolved.get(text);
    if (fragment === undefined) {
      fragment = await source.resolve(reference);
      if (fragment === undefined)
        throw fail('prompt_not_found', `fragment '${text}' not found`, { fragment: text });
      resolved.set(text, fragment);
    }
    const label = fragmentLabel(fragment);
    const chain = [...path.map((step) => step.text), text];
    if (path.some((step) => step.label === label)) {
      throw fail('fragment_cycle', `fragments include each other in a cycle: ${chain.join(' → ')}`, {
        chain,
      });
    }
    const depth = path.length + 1;
    if (depth > MAX_FRAGMENT_DEPTH) {
      const problem = `fragments nest ${depth} deep, more than the ${MAX_FRAGMENT_DEPTH} allowed: ${chain.join(' → ')}`;
      throw fail('fragment_cycle', problem, { chain });
    }
    if ((exploredAtDepth.get(label) ?? Number.POSITIVE_INFINITY) <= depth) return;
    exploredAtDepth.set(label, depth);

    let templates: ReturnType<typeof scanner.parse>;
    try {
      templates = scanner.parse(fragment.template);
    } catch (error) {
      throw templateErrorFrom(error, { file, field, fragment: label });
    }
    for (const nested of findFragmentTags(templates))
      await include(nested, [...path, { text, label }], field);
  };

  try {
    for (const { field, text } of fields) {
      let templates: ReturnType<typeof scanner.parse>;
      try {
        templates = scanner.parse(text);
      } catch (error) {
        throw templateErrorFrom(error, { file, field });
      }
      for (const tag of findFragmentTags(templates)) await include(tag, [], field);
    }
  } catch (error) {
    if (PromptopsError.isInstance(error)) return { ok: false, error };
    throw error;
  }
  return collect(resolved);
}

function collect(resolved: Map<string, ResolvedFragment>): FragmentResolution {
  const templates = new Map<string, string>();
  const labelsByText = new Map<string, string>();
  const used = new Map<string, { name: string; version: number }>();
  for (const [text, fragment] of resolved) {
    const label = fragmentLabel(fragment);
    templates.set(text, fragment.template);
    labelsByText.set(fragment.template, label);
    if (!used.has(label)) used.set(label, { name: fragment.name, version: fragment.version });
  }
  return { ok: true, templates, labelsByText, used: [...used.values()] };
}

/** `support/persona@3`, or `support/persona (working copy)` for a file not pushed yet (version 0). */
export function fragmentLabel(fragment: { name: string; version: number }): string {
  return fragment.version === 0 ? `${fragment.name} (working copy)` : `${fragment.name}@${fragment.version}`;
}
