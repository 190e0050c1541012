import type { SourceLocation } from '../../errors/index.ts';
import type { FragmentSource } from '../../templates/index.ts';
import type { LintRuleId, PromptContent } from '../content/index.ts';
import { LINT_RULES } from './lint-rules.ts';
import {
  LINT_SEVERITIES,
  type LintFinding,
  type LintLocation,
  type LintSeverity,
  type RuleHit,
} from './lint-types.ts';
import { readPromptText } from './prompt-text.ts';

/** A prompt to lint, wherever it comes from. */
export interface LintTarget {
  name: string;
  content: PromptContent;
  /** Where `{% render %}` fragments come from: the project folder's files, or the catalog. */
  fragments: FragmentSource;
  /** For a prompt read from a file: where each field is written (the file loader's YAML locations). */
  locate?(field: string): SourceLocation;
  /** For fragments read from files: the file and the line their template starts on. */
  locateFragment?(name: string): { file: string; line: number } | undefined;
}

export interface LintOptions {
  /** Rules not applied (promptops.yaml `lint.disable`); the prompt's own `lint.disable` adds to these. */
  disable?: readonly LintRuleId[];
  /** Only these rules (`--rule`); all when absent. */
  only?: readonly LintRuleId[];
  /** Findings below this severity are left out (`--severity`); default `info`, everything. */
  severity?: LintSeverity;
}

/**
 * Lints one prompt against the rules of docs/lint.md: the design principles of the seed
 * "Prompt Engineering for Enterprise". Pure apart from reading fragments through `target.fragments`.
 *
 * @example
 * const findings = await lintPrompt({ name: 'support/reply', content, fragments: createStaticFragmentSource({}) });
 */
export async function lintPrompt(target: LintTarget, options: LintOptions = {}): Promise<LintFinding[]> {
  const disabled = new Set([...(options.disable ?? []), ...(target.content.lint?.disable ?? [])]);
  const threshold = LINT_SEVERITIES.indexOf(options.severity ?? 'info');
  const rules = Object.values(LINT_RULES).filter(
    (rule) =>
      !disabled.has(rule.id) &&
      (options.only === undefined || options.only.includes(rule.id)) &&
      LINT_SEVERITIES.indexOf(rule.severity) >= threshold,
  );
  if (rules.length === 0) return [];
  const prompt = await readPromptText(target.name, target.content, target.fragments);
  return rules.flatMap((rule) =>
    rule.check(prompt).map(
      (hit): LintFinding => ({
        rule: rule.id,
        severity: rule.severity,
        prompt: target.name,
        message: hit.message,
        hint: rule.hint,
        location: locateHit(target, hit.at),
        ...(hit.sections ? { sections: hit.sections } : {}),
      }),
    ),
  );
}

/**
 * A file line when the prompt (or the fragment) came from a file: the field's line, plus the line
 * inside a multi-line template, whose text starts on the line after its key. Otherwise the field
 * path and the line within the template.
 */
function locateHit(target: LintTarget, at: RuleHit['at']): LintLocation {
  if (!('piece' in at)) {
    const located = target.locate?.(at.field);
    return located?.line !== undefined
      ? { file: located.file, line: located.line, field: at.field }
      : { field: at.field };
  }
  const { piece, line } = at;
  const multiLine = piece.text.includes('\n');
  if (piece.fragment !== undefined) {
    const start = target.locateFragment?.(piece.fragment);
    const place = { field: piece.field, fragment: piece.fragment };
    if (start && line !== undefined) return { file: start.file, line: start.line + line - 1, ...place };
    return line !== undefined ? { ...place, templateLine: line } : place;
  }
  const located = target.locate?.(piece.field);
  if (located?.line !== undefined) {
    const offset = multiLine && line !== undefined ? line : 0;
    return { file: located.file, line: located.line + offset, field: piece.field };
  }
  return multiLine && line !== undefined
    ? { field: piece.field, templateLine: line }
    : { field: piece.field };
}
