import type { LintRuleId } from '../content/lint-settings.ts';
import type { LintRule } from './lint-types.ts';
import { missingNegativeSpace } from './rules/missing-negative-space.ts';
import { outputFormatUnstated } from './rules/output-format-unstated.ts';
import { repeatedInstruction } from './rules/repeated-instruction.ts';
import { sectionTokenCost } from './rules/section-token-cost.ts';
import { untestableConstraint } from './rules/untestable-constraint.ts';
import { untrustedInputUndelimited } from './rules/untrusted-input-undelimited.ts';
import { variableUndeclared, variableUnused } from './rules/variable-usage.ts';

/** Every rule by id, in the order docs/lint.md lists them. */
export const LINT_RULES: Record<LintRuleId, LintRule> = {
  'untestable-constraint': untestableConstraint,
  'missing-negative-space': missingNegativeSpace,
  'output-format-unstated': outputFormatUnstated,
  'variable-unused': variableUnused,
  'variable-undeclared': variableUndeclared,
  'untrusted-input-undelimited': untrustedInputUndelimited,
  'repeated-instruction': repeatedInstruction,
  'section-token-cost': sectionTokenCost,
};
