import { z } from 'zod';

/**
 * The prompt linter's rule ids (docs/lint.md). Stable: prompt files and promptops.yaml name them to
 * turn a rule off, so a rename is a breaking change.
 */
export const LINT_RULE_IDS = [
  'untestable-constraint',
  'missing-negative-space',
  'output-format-unstated',
  'variable-unused',
  'variable-undeclared',
  'untrusted-input-undelimited',
  'repeated-instruction',
  'section-token-cost',
] as const;
export type LintRuleId = (typeof LINT_RULE_IDS)[number];

/**
 * `lint:` in a prompt file (versioned with the prompt, so turning a rule off is reviewed like any
 * other change) and in promptops.yaml (for every prompt of the project).
 */
export const LintSettings = z
  .strictObject({
    disable: z
      .array(z.enum(LINT_RULE_IDS))
      .min(1)
      .describe('Rule ids `promptops lint` does not apply here (docs/lint.md lists them).'),
  })
  .describe('Prompt linter settings (`promptops lint`, docs/lint.md).');
export type LintSettings = z.infer<typeof LintSettings>;
