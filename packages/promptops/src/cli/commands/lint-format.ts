import { LINT_RULES, type LintFinding } from '../../catalog/lint/index.ts';

/**
 * `prompts/support/assistant.yaml:62 (system.guidelines[0]): warning [untestable-constraint] …` for
 * files (editors link `file:line`); `support/assistant (system.role, fragment support/persona line 2)`
 * for catalog prompts, which have no file.
 */
export function formatFinding(finding: LintFinding): string {
  const { file, line, field, fragment, templateLine } = finding.location;
  const parts = [field || undefined, fragment ? `fragment ${fragment}` : undefined].filter(Boolean);
  const where = file
    ? `${file}${line !== undefined ? `:${line}` : ''}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`
    : `${finding.prompt} (${[...parts, templateLine !== undefined ? `line ${templateLine}` : undefined].filter(Boolean).join(', ') || 'prompt'})`;
  return `${where}: ${finding.severity} [${finding.rule}] ${finding.message}`;
}

/** One hint per rule that found a problem (info findings need no fix). */
export function ruleHints(findings: readonly LintFinding[]): string[] {
  const rules = [
    ...new Set(findings.filter((finding) => finding.severity !== 'info').map((finding) => finding.rule)),
  ];
  return rules.map((rule) => `  ${rule}: ${LINT_RULES[rule].hint}`);
}

export function lintSummary(prompts: number, findings: readonly LintFinding[]) {
  const count = (severity: LintFinding['severity']) =>
    findings.filter((finding) => finding.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const info = count('info');
  const plural = (number: number, word: string) => `${number} ${word}${number === 1 ? '' : 's'}`;
  return {
    prompts,
    errors,
    warnings,
    info,
    text: `linted ${plural(prompts, 'prompt')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${info} info`,
  };
}
