/**
 * Central and local fragments (issue 5, item 5b). A central fragment (`shared/persona`) marks the
 * sections teams may change with `{% block name %}`; a team overrides it with a fragment named
 * `<team folder>overrides/<central name>` (`support/overrides/shared/persona`) that starts with
 * `{% layout 'shared/persona' %}` and redefines some of those blocks. Who may override what comes
 * from the policies, passed in as these plain rules: rendering never reads policies itself.
 */

/** One rule, as policies.yaml `overrides:` declares it. */
export interface FragmentOverrideRule {
  /** The central fragment, e.g. `shared/persona`. */
  fragment: string;
  /** Folder prefixes (`support/`) whose prompts may use an override; empty allows none. */
  teams: readonly string[];
  /** Blocks no override may redefine. */
  lockedBlocks: readonly string[];
}

/** What rendering needs to decide overrides: whose prompt it is, and the rules in force. */
export interface FragmentOverrides {
  /** The name of the prompt being rendered (`support/assistant`): its folder picks the team. */
  prompt: string;
  rules: readonly FragmentOverrideRule[];
}

/** A fragment a render used; `overriddenBy` when a team override replaced some of its blocks. */
export interface UsedFragment {
  name: string;
  version: number;
  overriddenBy?: { name: string; version: number };
}

const OVERRIDES_FOLDER = 'overrides';

/** `support/` + `shared/persona` → `support/overrides/shared/persona`. */
export function overrideFragmentName(team: string, central: string): string {
  return `${team}${OVERRIDES_FOLDER}/${central}`;
}

/**
 * Reads an override fragment's name back into its team folder and central fragment; undefined for
 * a fragment that is not an override (no `overrides` folder below a team folder).
 *
 * @example
 * parseOverrideFragmentName('support/overrides/shared/persona'); // { team: 'support/', central: 'shared/persona' }
 */
export function parseOverrideFragmentName(name: string): { team: string; central: string } | undefined {
  const segments = name.split('/');
  const at = segments.indexOf(OVERRIDES_FOLDER);
  if (at < 1 || at === segments.length - 1) return undefined;
  return { team: `${segments.slice(0, at).join('/')}/`, central: segments.slice(at + 1).join('/') };
}

export function overrideRuleFor(
  rules: readonly FragmentOverrideRule[],
  fragment: string,
): FragmentOverrideRule | undefined {
  return rules.find((rule) => rule.fragment === fragment);
}

/**
 * The override fragments to try for a prompt, in order: one per team folder of the rule that holds
 * the prompt, the most specific folder first (`support/emea/` before `support/`). The first that
 * exists wins; when none does, the central fragment is used.
 */
export function overrideCandidates(rule: FragmentOverrideRule, prompt: string): string[] {
  return rule.teams
    .filter((team) => prompt.startsWith(team))
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .map((team) => overrideFragmentName(team, rule.fragment));
}

/** `shared/persona v3 (overridden for support/ by support/overrides/shared/persona v2)`, for terminals. */
export function describeUsedFragment(fragment: UsedFragment): string {
  const version = (number: number) => (number === 0 ? 'working copy' : `v${number}`);
  const own = `${fragment.name} ${version(fragment.version)}`;
  if (!fragment.overriddenBy) return own;
  const team = parseOverrideFragmentName(fragment.overriddenBy.name)?.team ?? '';
  return `${own} (overridden for ${team} by ${fragment.overriddenBy.name} ${version(fragment.overriddenBy.version)})`;
}
