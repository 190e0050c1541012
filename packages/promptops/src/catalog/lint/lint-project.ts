import { createStaticFragmentSource } from '../../templates/index.ts';
import type { LoadedPrompt } from '../files/loaded-artifact.ts';
import type { Project } from '../files/read-project.ts';
import { type LintOptions, lintPrompt } from './lint-prompt.ts';
import type { LintFinding } from './lint-types.ts';

export interface LintProjectOptions extends LintOptions {
  /** Which prompts to lint (a file or folder given on the command line); all when absent. */
  include?(prompt: LoadedPrompt): boolean;
}

export interface LintReport {
  /** Names of the prompts linted. */
  prompts: string[];
  findings: LintFinding[];
}

/**
 * Lints the prompts of a project folder as written, before any push: fragments come from the
 * folder's `fragments/` (a pinned `name@3` is not in the folder and stays unread), findings carry
 * file and line. promptops.yaml `lint.disable` applies to every prompt.
 * @example const report = await lintProject(await readProject('examples/acme-support'));
 */
export async function lintProject(project: Project, options: LintProjectOptions = {}): Promise<LintReport> {
  const { include, ...lintOptions } = options;
  const fragmentFiles = new Map(
    project.artifacts.flatMap((artifact) =>
      artifact.kind === 'fragment' ? [[artifact.name, artifact] as const] : [],
    ),
  );
  const fragments = createStaticFragmentSource(
    Object.fromEntries([...fragmentFiles].map(([name, fragment]) => [name, fragment.content.template])),
  );
  const locateFragment = (name: string) => {
    const fragment = fragmentFiles.get(name);
    const line = fragment?.locate('template').line;
    return fragment && line !== undefined ? { file: fragment.file, line } : undefined;
  };
  const disable = [...(lintOptions.disable ?? []), ...(project.config.lint?.disable ?? [])];
  const prompts = project.artifacts.filter(
    (artifact): artifact is LoadedPrompt => artifact.kind === 'prompt' && (include?.(artifact) ?? true),
  );
  const findings: LintFinding[] = [];
  for (const prompt of prompts) {
    findings.push(
      ...(await lintPrompt(
        {
          name: prompt.name,
          content: prompt.content,
          fragments,
          locate: (field) => prompt.locate(field),
          locateFragment,
        },
        { ...lintOptions, disable },
      )),
    );
  }
  return { prompts: prompts.map((prompt) => prompt.name), findings: sortFindings(findings) };
}

/** File, then line; findings without a file keep their order after those with one. */
export function sortFindings(findings: readonly LintFinding[]): LintFinding[] {
  return [...findings].sort(
    (left, right) =>
      (left.location.file ?? '\uffff').localeCompare(right.location.file ?? '\uffff') ||
      (left.location.line ?? 0) - (right.location.line ?? 0),
  );
}
