import { Link } from 'react-router';
import GUIDES from '../../../../docs/guides/guide-links.json' with { type: 'json' };
import { guidePath } from '../guides/guide-files.ts';

/** A step of the UI that a guide explains: the keys of docs/guides/guide-links.json `steps`. */
export type GuideStep = keyof typeof GUIDES.steps;

/** A lint rule id with a guide section: the keys of docs/guides/guide-links.json `lintRules`. */
export type LintRuleWithGuide = keyof typeof GUIDES.lintRules;

/**
 * "? Reading eval results": the guide section about the step a page is at (issue 10, item 8:
 * guides "linked from the UI where each step happens"), opened on the guides page in a new tab so
 * an unsaved draft or a half-read comparison stays where it was. The map is
 * docs/guides/guide-links.json, the one the promptops package and its anchor test read.
 *
 * @example
 * <GuideLink step="eval-gates" /> // → /guides/review-and-rollout#4-eval-gates
 */
export function GuideLink({ step }: { step: GuideStep }) {
  const link = GUIDES.steps[step];
  return <GuideAnchor path={link.path} anchor={link.anchor} title={link.title} />;
}

/**
 * A lint finding's "why" link: the principle behind the rule, with examples. Rules come from the
 * API as strings; one without a guide section shows nothing.
 */
export function LintRuleGuideLink({ rule }: { rule: string }) {
  if (!Object.hasOwn(GUIDES.lintRules, rule)) return null;
  const link = GUIDES.lintRules[rule as LintRuleWithGuide];
  return <GuideAnchor path={link.path} anchor={link.anchor} title={link.title} />;
}

function GuideAnchor({ path, anchor, title }: { path: string; anchor: string; title: string }) {
  return (
    <Link
      className="guide-link"
      to={guidePath(path, anchor)}
      target="_blank"
      rel="noopener"
      title={`Guide: ${title} (opens in a new tab)`}
      data-testid="guide-link"
    >
      <span aria-hidden="true">?</span> {title}
    </Link>
  );
}
