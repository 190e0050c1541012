import { PromptopsError } from '../errors/index.ts';
import { applyFragmentOverride } from './apply-fragment-override.ts';
import {
  type FragmentOverrideRule,
  overrideRuleFor,
  parseOverrideFragmentName,
} from './fragment-overrides.ts';
import type { FragmentSource } from './fragment-source.ts';
import { templateEngineFor } from './liquid-engine.ts';
import { resolveFragments } from './resolve-fragments.ts';
import { templateErrorFrom } from './template-error.ts';

export type OverrideCheck = { ok: true } | { ok: false; error: PromptopsError };

/**
 * Push-time check of a team override (`support/overrides/shared/persona`): a rule in force lets
 * its folder override that central fragment, the central fragment exists, and the override only
 * redefines blocks the central defines and the rule leaves unlocked; what its blocks include must
 * resolve too. Errors carry the line within the template (`details.template.line`) and the block.
 * A fragment whose name is not an override's is not checked here (`{ ok: true }`).
 */
export async function checkFragmentOverride(
  fragment: { name: string; template: string },
  source: FragmentSource,
  options: { rules: readonly FragmentOverrideRule[]; file?: string },
): Promise<OverrideCheck> {
  const file = options.file ?? '';
  const parsed = parseOverrideFragmentName(fragment.name);
  if (!parsed) return { ok: true };
  const fail = (problem: string, line = 1, block?: string): OverrideCheck => ({
    ok: false,
    error: new PromptopsError('template_error', `${fragment.name}, line ${line}: ${problem}`, {
      location: { file, field: 'template' },
      template: { line },
      ...(block ? { block } : {}),
    }),
  });
  const rule = overrideRuleFor(options.rules, parsed.central);
  if (!rule) {
    return fail(
      `${parsed.central} has no rule under overrides: in policies.yaml, so it cannot be overridden (a fragment in an overrides/ folder is a team override)`,
    );
  }
  if (!rule.teams.includes(parsed.team)) {
    const allowed = rule.teams.length > 0 ? rule.teams.join(', ') : 'no folder';
    return fail(`policies.yaml lets ${allowed} override ${parsed.central}, not ${parsed.team}`);
  }
  const central = await source.resolve({ name: parsed.central });
  if (!central) return fail(`the central fragment ${parsed.central} it overrides does not exist`);

  let applied: ReturnType<typeof applyFragmentOverride>;
  try {
    applied = applyFragmentOverride({
      parser: templateEngineFor(new Map()),
      override: { name: fragment.name, version: 0, template: fragment.template },
      central,
      rule,
      centralKey: parsed.central,
    });
  } catch (error) {
    return { ok: false, error: templateErrorFrom(error, { file, field: 'template' }) };
  }
  if (!applied.ok) return fail(applied.problem, applied.line, applied.block);

  // What the blocks include: resolved as a prompt of the team would resolve them, cycles included.
  const resolution = await resolveFragments(
    [{ field: 'template', text: `{% render '${parsed.central}' %}` }],
    {
      resolve: (reference) =>
        reference.name === fragment.name && reference.pin === undefined
          ? Promise.resolve({ name: fragment.name, version: 0, template: fragment.template })
          : source.resolve(reference),
    },
    file,
    { prompt: parsed.team, rules: [rule] },
  );
  return resolution.ok ? { ok: true } : resolution;
}
