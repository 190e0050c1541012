// The prompt linter (issue 10, item 2; docs/lint.md): the seed's design principles as rules.

export {
  GUIDE_LINKS,
  type GuideLink,
  type GuideStep,
  guideUrl,
  LINT_RULE_GUIDES,
  lintRuleGuide,
} from './guide-links.ts';
export { lintCatalogPrompt } from './lint-catalog.ts';
export { type LintProjectOptions, type LintReport, lintProject, sortFindings } from './lint-project.ts';
export { type LintOptions, type LintTarget, lintPrompt } from './lint-prompt.ts';
export { LINT_RULES } from './lint-rules.ts';
export {
  LINT_SEVERITIES,
  type LintFinding,
  type LintLocation,
  type LintRule,
  type LintSeverity,
  type SectionCost,
} from './lint-types.ts';
