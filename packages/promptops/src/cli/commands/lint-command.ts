import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { LINT_RULE_IDS, type LintRuleId } from '../../catalog/content/index.ts';
import { loadProjectConfig } from '../../catalog/files/load-project-config.ts';
import { readProject } from '../../catalog/files/read-project.ts';
import {
  LINT_SEVERITIES,
  type LintFinding,
  type LintOptions,
  type LintSeverity,
  lintCatalogPrompt,
  lintProject,
} from '../../catalog/lint/index.ts';
import { type ArtifactReference, parseReference } from '../../catalog/service/selector.ts';
import { exitCodeOf, PromptopsError } from '../../errors/index.ts';
import { suggestName } from '../../errors/suggest-name.ts';
import { authorize } from '../../governance/access/index.ts';
import type { Command } from '../command.ts';
import { toJson } from '../format.ts';
import { listOption, stringOption } from '../options.ts';
import { findProjectRoot } from '../project-root.ts';
import { formatFinding, lintSummary, ruleHints } from './lint-format.ts';

export const lintCommand: Command = {
  name: 'lint',
  summary: "Check prompts against the seed's design principles: findings with rule ids, file and line",
  usage: 'lint [PATH|NAME[@ENV|#VERSION] ...] [--rule ID ...] [--severity error|warning|info]',
  options: { rule: { type: 'string', multiple: true }, severity: { type: 'string' } },
  async run(context, parsed) {
    const options: LintOptions = {
      ...onlyRules(listOption(parsed, 'rule')),
      severity: severityOption(stringOption(parsed, 'severity')),
    };
    const here = findProjectRoot(context.cwd);
    const targets = parsed.positionals.length > 0 ? parsed.positionals : [here ?? context.cwd];
    const paths = targets.filter((target) => existsSync(resolve(context.cwd, target)));
    const names = targets.filter((target) => !paths.includes(target)).map(catalogReference);

    const prompts: string[] = [];
    const findings: LintFinding[] = [];
    for (const [root, selected] of groupByProject(paths.map((path) => resolve(context.cwd, path)))) {
      const project = await readProject(root);
      const report = await lintProject(project, {
        ...options,
        include: (prompt) =>
          selected.some((path) => {
            const file = resolve(root, prompt.file);
            return path === root || file === path || file.startsWith(`${path}${sep}`);
          }),
      });
      prompts.push(...report.prompts);
      findings.push(...report.findings);
    }
    if (names.length > 0) {
      // The project's promptops.yaml lint.disable applies to its prompts in the catalog too.
      const disable = here ? ((await loadProjectConfig(here)).lint?.disable ?? []) : [];
      await context.withCatalog(async (catalog, _db, _handle, { principal }) => {
        for (const reference of names) {
          authorize(principal, 'catalog-read', reference.name);
          const linted = await lintCatalogPrompt(catalog, reference, { ...options, disable });
          prompts.push(`${reference.name}#${linted.version}`);
          findings.push(...linted.findings);
        }
      });
    }

    const summary = lintSummary(prompts.length, findings);
    if (context.json) {
      context.stdout(`${toJson({ prompts, findings, summary })}\n`);
    } else {
      for (const finding of findings) context.stdout(`${formatFinding(finding)}\n`);
      const hints = ruleHints(findings);
      if (hints.length > 0) context.stdout(`\nhow to fix (docs/lint.md):\n${hints.join('\n')}\n`);
      context.stderr(`${summary.text}\n`);
    }
    return summary.errors > 0 ? exitCodeOf('lint_failed') : 0;
  },
};

/** An argument that is no file or folder must be a catalog name. */
function catalogReference(target: string): ArtifactReference {
  try {
    return parseReference(target, 'NAME');
  } catch (error) {
    if (!PromptopsError.isInstance(error)) throw error;
    throw new PromptopsError(
      'invalid_argument',
      `"${target}" is neither a file or folder nor a catalog NAME[@ENV|#VERSION]`,
      { parameter: 'PATH' },
    );
  }
}

function onlyRules(rules: string[]): Pick<LintOptions, 'only'> {
  if (rules.length === 0) return {};
  for (const rule of rules) {
    if ((LINT_RULE_IDS as readonly string[]).includes(rule)) continue;
    const suggestion = suggestName(rule, LINT_RULE_IDS);
    throw new PromptopsError(
      'invalid_argument',
      `--rule: unknown rule "${rule}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (rules: ${LINT_RULE_IDS.join(', ')})`,
      { parameter: 'rule' },
    );
  }
  return { only: rules as LintRuleId[] };
}

function severityOption(value: string | undefined): LintSeverity {
  if (value === undefined) return 'info';
  if ((LINT_SEVERITIES as readonly string[]).includes(value)) return value as LintSeverity;
  throw new PromptopsError('invalid_argument', `--severity must be one of ${LINT_SEVERITIES.join(', ')}`, {
    parameter: 'severity',
  });
}

/** Paths by the project folder holding them, so each project is read once. */
function groupByProject(paths: string[]): Map<string, string[]> {
  const projects = new Map<string, string[]>();
  for (const path of paths) {
    const root = findProjectRoot(path);
    if (!root) {
      throw new PromptopsError(
        'invalid_argument',
        `${path} is not in a project folder (no promptops.yaml there or above); give a project folder, a prompt file or a catalog NAME`,
        { parameter: 'PATH' },
      );
    }
    projects.set(root, [...(projects.get(root) ?? []), path]);
  }
  return projects;
}
