import type { LintRuleId } from '../content/lint-settings.ts';
import type { PromptText } from './prompt-text.ts';

/** Least to most severe; `--severity warning` shows warnings and errors. */
export const LINT_SEVERITIES = ['info', 'warning', 'error'] as const;
export type LintSeverity = (typeof LINT_SEVERITIES)[number];

/**
 * Where a finding is. From a file: `file` and `line` (a file line, also for text inside a multi-line
 * template or an included fragment's file). From the catalog (no file): the field path, and
 * `templateLine`, the line within that field's template (or within the fragment's).
 */
export interface LintLocation {
  file?: string;
  line?: number;
  /** The prompt field: `system.guidelines[0]`, `messages[1].content`, `variables.properties.x`. */
  field: string;
  /** The fragment the text is in, when it came through `{% render %}` from `field`. */
  fragment?: string;
  templateLine?: number;
}

/** Tokens of one section of the prompt (section-token-cost). */
export interface SectionCost {
  section: string;
  tokens: number;
  /** Fragments counted in this section, by name. */
  fragments: string[];
}

export interface LintFinding {
  rule: LintRuleId;
  severity: LintSeverity;
  /** The prompt's name (`support/assistant`). */
  prompt: string;
  message: string;
  /** What to change to clear it. */
  hint: string;
  location: LintLocation;
  /** section-token-cost only. */
  sections?: SectionCost[];
}

/** A place in one piece of the prompt's text: `line` is 1-based within `piece.text`. */
export interface TextPlace {
  piece: PromptText['pieces'][number];
  line?: number;
}

/** What a rule's check reports; the linter adds the rule, severity, hint and a located place. */
export interface RuleHit {
  message: string;
  /** A place in the text, or a field of the prompt (`variables.properties.x`, or '' for the prompt). */
  at: TextPlace | { field: string };
  sections?: SectionCost[];
}

/** One rule: a stable id, a severity, why it exists (citing the seed) and how to fix what it finds. */
export interface LintRule {
  id: LintRuleId;
  severity: LintSeverity;
  /** A short title for lists. */
  title: string;
  /** One paragraph: what the rule checks and the seed principle it enforces. */
  explanation: string;
  hint: string;
  check(prompt: PromptText): RuleHit[];
}
