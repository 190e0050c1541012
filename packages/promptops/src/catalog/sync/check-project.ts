import type { SourceLocation } from '../../errors/index.ts';
import { PromptopsError } from '../../errors/index.ts';
import { checkFragments, checkTemplate, type FragmentSource } from '../../templates/index.ts';
import type { Project } from '../files/read-project.ts';
import type { Catalog } from '../service/catalog.ts';
import { catalogFragmentSource } from '../service/catalog-fragment-source.ts';

export interface ProjectWarning {
  message: string;
  location: SourceLocation;
}

/**
 * Checks what the file loaders cannot see one file at a time: every template parses and uses only
 * declared variables, and every fragment a prompt includes exists (in the folder, or pinned in the
 * catalog) without cycles. All problems come back in one `template_error`/`file_invalid` with
 * file and line each; nothing is written when there is one.
 */
export async function checkProject(catalog: Catalog, project: Project): Promise<ProjectWarning[]> {
  const drafts = new Map(
    project.artifacts.flatMap((artifact) =>
      artifact.kind === 'fragment' ? [[artifact.name, artifact.content.template] as const] : [],
    ),
  );
  const source: FragmentSource = catalogFragmentSource(catalog, { drafts });
  const issues: { message: string; location?: SourceLocation }[] = [];
  const warnings: ProjectWarning[] = [];
  for (const artifact of project.artifacts) {
    if (artifact.kind !== 'prompt') continue;
    const locateError = (error: PromptopsError): SourceLocation => {
      const field = error.details.location?.field;
      return field ? artifact.locate(field) : { file: artifact.file };
    };
    const fragments = await checkFragments(artifact.content, source, { file: artifact.file });
    if (!fragments.ok)
      issues.push({ message: fragments.error.message, location: locateError(fragments.error) });
    const check = checkTemplate(artifact.content, {
      file: artifact.file,
      fragments: fragments.ok ? fragments.templates : undefined,
    });
    for (const error of check.errors) issues.push({ message: error.message, location: locateError(error) });
    for (const warning of check.warnings) {
      warnings.push({ message: warning.message, location: artifact.locate(warning.location.field ?? '') });
    }
  }
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new PromptopsError(
      'template_error',
      `${issues.length} template problem${issues.length === 1 ? '' : 's'} in ${project.root}; nothing was pushed. First: ${first.message}`,
      { location: first.location, issues },
    );
  }
  return warnings;
}
