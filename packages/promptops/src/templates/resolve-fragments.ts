import { MAX_FRAGMENT_DEPTH } from '../catalog/content/names.ts';
import { PromptopsError } from '../errors/index.ts';
import { applyFragmentOverride } from './apply-fragment-override.ts';
import { type FragmentTag, findFragmentTags, fragmentTagReference } from './find-fragment-tags.ts';
import {
  type FragmentOverrides,
  overrideCandidates,
  overrideRuleFor,
  type UsedFragment,
} from './fragment-overrides.ts';
import type { FragmentSource, ResolvedFragment } from './fragment-source.ts';
import { templateEngineFor } from './liquid-engine.ts';
import type { TemplateField } from './prompt-fields.ts';
import { templateErrorFrom } from './template-error.ts';

export interface ResolvedFragments {
  /** Fragment templates by reference text as the tags write it: the in-memory "file system" for rendering. */
  templates: Map<string, string>;
  /** Fragment name@version by template text, to attribute render errors to the fragment. */
  labelsByText: Map<string, string>;
  /** Each fragment used, once, in the order first included; overridden ones name their override. */
  used: UsedFragment[];
}

export type FragmentResolution = ({ ok: true } & ResolvedFragments) | { ok: false; error: PromptopsError };

interface Step {
  text: string;
  /** The fragment as errors name it: the override, when the step is inside one. */
  label: string;
  /** The central fragment's label: an override that includes its own central is a cycle. */
  identity: string;
}

/** A team override standing in for a central fragment in this render. */
interface Override {
  fragment: ResolvedFragment;
  /** The override, its layout pointed at `centralKey`. */
  template: string;
  centralKey: string;
}

/**
 * Finds every fragment the templates include, recursively, and resolves each through the source
 * before anything renders, so rendering itself never waits on the catalog and a cycle, a too-deep
 * chain or a missing fragment is reported with the chain that leads to it. With `overrides`, a
 * central fragment a rule lets the prompt's team override is replaced by the team's override when
 * the source has one (docs/governance.md, Central and local fragments).
 */
export async function resolveFragments(
  fields: TemplateField[],
  source: FragmentSource,
  file: string,
  overrides?: FragmentOverrides,
): Promise<FragmentResolution> {
  const scanner = templateEngineFor(new Map());
  const resolved = new Map<string, ResolvedFragment>();
  // By reference text: the override used in its place, or null for none. One decision per text.
  const overridden = new Map<string, Override | null>();
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
    const rule = overrides && overrideRuleFor(overrides.rules, reference.name);
    if (rule && tag.tag === 'include') {
      // An included layout would leave its blocks behind in the includer's scope.
      const problem = `${reference.name} may be overridden by teams (policies.yaml overrides); include it with {% render '${text}' %}`;
      throw fail('template_error', problem);
    }

    let fragment = resolved.get(text);
    if (fragment === undefined) {
      fragment = await source.resolve(reference);
      if (fragment === undefined)
        throw fail('prompt_not_found', `fragment '${text}' not found`, { fragment: text });
      resolved.set(text, fragment);
    }
    const label = fragmentLabel(fragment);
    const chain = [...path.map((step) => step.text), text];
    if (path.some((step) => step.identity === label)) {
      throw fail('fragment_cycle', `fragments include each other in a cycle: ${chain.join(' → ')}`, {
        chain,
      });
    }
    const depth = path.length + 1;
    if (depth > MAX_FRAGMENT_DEPTH) {
      const problem = `fragments nest ${depth} deep, more than the ${MAX_FRAGMENT_DEPTH} allowed: ${chain.join(' → ')}`;
      throw fail('fragment_cycle', problem, { chain });
    }
    if ((exploredAtDepth.get(label) ?? Number.POSITIVE_INFINITY) > depth) {
      exploredAtDepth.set(label, depth);
      let templates: ReturnType<typeof scanner.parse>;
      try {
        templates = scanner.parse(fragment.template);
      } catch (error) {
        throw templateErrorFrom(error, { file, field, fragment: label });
      }
      for (const nested of findFragmentTags(templates))
        await include(nested, [...path, { text, label, identity: label }], field);
    }
    if (!rule || !overrides || overridden.has(text)) return;

    // The first override that exists, most specific team folder first; none → the central fragment.
    overridden.set(text, null);
    for (const candidate of overrideCandidates(rule, overrides.prompt)) {
      const found = await resolveOverride(source, candidate);
      if (found === undefined) continue;
      const overrideLabel = fragmentLabel(found);
      const centralKey = `${label} (central)`;
      let applied: ReturnType<typeof applyFragmentOverride>;
      try {
        applied = applyFragmentOverride({
          parser: scanner,
          override: found,
          central: fragment,
          rule,
          centralKey,
        });
      } catch (error) {
        throw templateErrorFrom(error, { file, field, fragment: overrideLabel });
      }
      if (!applied.ok) {
        throw fail('template_error', `override ${overrideLabel}, line ${applied.line}: ${applied.problem}`, {
          fragment: overrideLabel,
          template: { line: applied.line, fragment: overrideLabel },
          ...(applied.block ? { block: applied.block } : {}),
        });
      }
      overridden.set(text, { fragment: found, template: applied.template, centralKey });
      for (const nested of applied.nested)
        await include(nested, [...path, { text, label: overrideLabel, identity: label }], field);
      return;
    }
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
  return collect(resolved, overridden);
}

/** An override, or undefined when there is none in the environment being rendered. */
async function resolveOverride(source: FragmentSource, name: string): Promise<ResolvedFragment | undefined> {
  try {
    return await source.resolve({ name });
  } catch (error) {
    // Pushed but not yet labelled into this environment: the central fragment applies there.
    if (PromptopsError.isInstance(error) && error.code === 'environment_not_found') return undefined;
    throw error;
  }
}

function collect(
  resolved: Map<string, ResolvedFragment>,
  overridden: Map<string, Override | null>,
): FragmentResolution {
  const templates = new Map<string, string>();
  const labelsByText = new Map<string, string>();
  const used = new Map<string, UsedFragment>();
  for (const [text, fragment] of resolved) {
    const label = fragmentLabel(fragment);
    const override = overridden.get(text);
    labelsByText.set(fragment.template, label);
    if (override) {
      templates.set(text, override.template);
      templates.set(override.centralKey, fragment.template);
      labelsByText.set(override.template, fragmentLabel(override.fragment));
    } else {
      templates.set(text, fragment.template);
    }
    const entry: UsedFragment = override
      ? {
          name: fragment.name,
          version: fragment.version,
          overriddenBy: { name: override.fragment.name, version: override.fragment.version },
        }
      : { name: fragment.name, version: fragment.version };
    const key = override ? `${label} ${fragmentLabel(override.fragment)}` : label;
    if (!used.has(key)) used.set(key, entry);
  }
  return { ok: true, templates, labelsByText, used: [...used.values()] };
}

/** `support/persona@3`, or `support/persona (working copy)` for a file not pushed yet (version 0). */
export function fragmentLabel(fragment: { name: string; version: number }): string {
  return fragment.version === 0 ? `${fragment.name} (working copy)` : `${fragment.name}@${fragment.version}`;
}
