import type { LintRuleId } from '../content/lint-settings.ts';

/**
 * Where the guides for domain users (docs/guides/, issue 10 item 8) explain each step of the web UI,
 * so a page can put "how does this work?" next to the control. Paths are relative to the repository
 * root; a deployment that publishes the docs elsewhere joins them to its own base with `guideUrl`.
 * `guide-links.test.ts` keeps every anchor in step with the guides' headings.
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

const WRITING = 'docs/guides/writing-production-prompts.md';
const ROLLOUT = 'docs/guides/review-and-rollout.md';
const READING = 'docs/guides/reading-eval-results.md';
const IMPROVING = 'docs/guides/improving-a-prompt.md';

/** UI step → the guide section about it. */
export const GUIDE_LINKS = {
  editor: { path: WRITING, anchor: 'give-the-prompt-its-parts', title: 'Writing production prompts' },
  'before-propose': { path: WRITING, anchor: 'before-you-propose', title: 'Before you propose' },
  propose: { path: ROLLOUT, anchor: '1-propose', title: 'Proposing a change' },
  review: { path: ROLLOUT, anchor: '2-review', title: 'Reviewing a change' },
  approve: { path: ROLLOUT, anchor: '3-approve-four-eyes-by-risk', title: 'Approvals by risk' },
  'eval-gates': { path: ROLLOUT, anchor: '4-eval-gates', title: 'Eval gates' },
  deploy: { path: ROLLOUT, anchor: '5-canary', title: 'Deploying with a canary' },
  canary: { path: ROLLOUT, anchor: '5-canary', title: 'Canary releases' },
  'promote-rollback': { path: ROLLOUT, anchor: '6-promote-or-roll-back', title: 'Promote or roll back' },
  evaluations: { path: READING, anchor: 'pass-rate', title: 'Reading eval results' },
  thresholds: { path: READING, anchor: 'thresholds', title: 'Thresholds' },
  'confusion-matrix': {
    path: READING,
    anchor: 'classifier-results-accuracy-and-the-confusion-matrix',
    title: 'Accuracy and the confusion matrix',
  },
  comparison: { path: READING, anchor: 'comparing-two-versions', title: 'Comparing two versions' },
  'no-significant-difference': {
    path: READING,
    anchor: 'what-no-significant-difference-means',
    title: 'What "no significant difference" means',
  },
  unmeasured: { path: READING, anchor: 'unmeasured-results', title: 'Unmeasured results' },
  monitoring: { path: READING, anchor: 'live-results', title: 'Live results' },
  'review-queue': {
    path: IMPROVING,
    anchor: '1-turn-feedback-into-an-eval-case',
    title: 'From a bad answer to a test',
  },
  'feedback-to-case': {
    path: IMPROVING,
    anchor: '1-turn-feedback-into-an-eval-case',
    title: 'Turn feedback into an eval case',
  },
  lint: { path: IMPROVING, anchor: '3-lint', title: 'Linting a prompt' },
  compress: { path: IMPROVING, anchor: '5-shorten-it', title: 'Shortening a prompt' },
  'improvement-loop': { path: IMPROVING, anchor: 'improving-a-prompt', title: 'Improving a prompt' },
} as const satisfies Record<string, GuideLink>;

export type GuideStep = keyof typeof GUIDE_LINKS;

/** Each lint rule's principle, explained with examples, for a finding's "why" link. */
export const LINT_RULE_GUIDES: Record<LintRuleId, GuideLink> = {
  'untestable-constraint': { path: WRITING, anchor: 'testable-statements', title: 'Testable statements' },
  'missing-negative-space': { path: WRITING, anchor: 'negative-space', title: 'Negative space' },
  'output-format-unstated': {
    path: WRITING,
    anchor: 'explicit-over-implicit',
    title: 'Explicit over implicit',
  },
  'variable-unused': { path: WRITING, anchor: 'explicit-over-implicit', title: 'Explicit over implicit' },
  'variable-undeclared': { path: WRITING, anchor: 'explicit-over-implicit', title: 'Explicit over implicit' },
  'untrusted-input-undelimited': {
    path: WRITING,
    anchor: 'keep-customer-text-apart-from-instructions',
    title: 'Keep customer text apart from instructions',
  },
  'repeated-instruction': { path: WRITING, anchor: 'say-each-rule-once', title: 'Say each rule once' },
  'section-token-cost': { path: WRITING, anchor: 'token-efficiency', title: 'Token efficiency' },
};

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
