import GUIDES from '../../../../../docs/guides/guide-links.json' with { type: 'json' };
import type { LintRuleId } from '../content/lint-settings.ts';

/**
 * Where the guides for domain users (docs/guides/, issue 10 item 8) explain each step of the web UI,
 * so a page can put "how does this work?" next to the control. The map is data,
 * `docs/guides/guide-links.json`, read here and by the web UI (which may not import this package's
 * code): one map, so the CLI's links and the UI's cannot drift apart. Paths are relative to the
 * repository root; a deployment that publishes the docs elsewhere joins them to its own base with
 * `guideUrl`. `guide-links.test.ts` keeps every anchor in step with the guides' headings.
 *
 * @example
 * guideUrl('approve', 'https://github.com/acme/promptops/blob/main/');
 * // 'https://github.com/acme/promptops/blob/main/docs/guides/review-and-rollout.md#3-approve-four-eyes-by-risk'
 */
export interface GuideLink {
  /** The guide's file, from the repository root. */
  path: string;
  /** The heading's anchor (GitHub's slug), without `#`. */
  anchor: string;
  /** What a link to it says. */
  title: string;
}

/** UI step → the guide section about it. */
export const GUIDE_LINKS = GUIDES.steps satisfies Record<string, GuideLink>;

export type GuideStep = keyof typeof GUIDE_LINKS;

/** Each lint rule's principle, explained with examples, for a finding's "why" link. */
export const LINT_RULE_GUIDES: Record<LintRuleId, GuideLink> = GUIDES.lintRules;

/** `base` + path + `#anchor`; `base` ends with `/` (a docs site or a repository's blob URL). */
export function guideUrl(step: GuideStep, base = ''): string {
  const link: GuideLink = GUIDE_LINKS[step];
  return `${base}${link.path}#${link.anchor}`;
}

/** The guide section behind a lint rule, as a URL under `base`. */
export function lintRuleGuide(rule: LintRuleId, base = ''): string {
  const link = LINT_RULE_GUIDES[rule];
  return `${base}${link.path}#${link.anchor}`;
}
