import type { ErrorCode, SourceLocation } from '../../errors/index.ts';
import { PromptopsError } from '../../errors/index.ts';
import { fragmentOverrideRules, retrievalRefusal } from '../../governance/policies/index.ts';
import {
  checkFragmentIncludes,
  checkFragmentOverride,
  checkFragments,
  checkTemplate,
  type FragmentSource,
  parseOverrideFragmentName,
} from '../../templates/index.ts';
import type { LoadedArtifact } from '../files/loaded-artifact.ts';
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
 * catalog) without cycles, and every team override keeps to the override rules of the policies being
 * pushed (docs/governance.md, Central and local fragments). All problems come back in one `template_error`/`file_invalid` with
 * file and line each; nothing is written when there is one.
 */
export async function checkProject(catalog: Catalog, project: Project): Promise<ProjectWarning[]> {
  const drafts = new Map(
    project.artifacts.flatMap((artifact) =>
      artifact.kind === 'fragment' ? [[artifact.name, artifact.content.template] as const] : [],
    ),
  );
  const source: FragmentSource = catalogFragmentSource(catalog, { drafts });
  const rules = fragmentOverrideRules(project.policies.overrides);
  const issues: { message: string; location?: SourceLocation }[] = [];
  const warnings: ProjectWarning[] = [];
  const codes = new Set<ErrorCode>();
  const report = (error: PromptopsError, artifact: LoadedArtifact) => {
    codes.add(error.code);
    issues.push({ message: error.message, location: locateTemplateError(error, artifact) });
  };
  for (const artifact of project.artifacts) {
    if (artifact.kind === 'fragment') {
      const options = { file: artifact.file, rules };
      const template = artifact.content.template;
      const checked = parseOverrideFragmentName(artifact.name)
        ? await checkFragmentOverride({ name: artifact.name, template }, source, options)
        : await checkFragmentIncludes(template, source, options);
      if (!checked.ok) report(checked.error, artifact);
      continue;
    }
    if (artifact.kind !== 'prompt') continue;
    const fragments = await checkFragments(artifact.content, source, {
      file: artifact.file,
      overrides: { prompt: artifact.name, rules },
    });
    if (!fragments.ok) report(fragments.error, artifact);
    const check = checkTemplate(artifact.content, {
      file: artifact.file,
      fragments: fragments.ok ? fragments.templates : undefined,
    });
    for (const error of check.errors) report(error, artifact);
    // Sources are checked against promptops.yaml; a check without one (the web editor's draft
    // check on a server without a project) leaves them to the push that has it.
    const retrievalSources = project.config ? (artifact.content.context?.retrieval?.sources ?? []) : [];
    for (const source of retrievalSources) {
      const refusal = retrievalRefusal(
        {
          prompt: artifact.name,
          classification: artifact.content.classification,
          source,
          config: project.config.retrieval.sources[source],
        },
        project.policies,
      );
      if (refusal) {
        codes.add('retrieval_refused');
        issues.push({ message: refusal, location: artifact.locate('context.retrieval.sources') });
      }
    }
    for (const warning of check.warnings) {
      warnings.push({ message: warning.message, location: artifact.locate(warning.location.field ?? '') });
    }
  }
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new PromptopsError(
      codes.size === 1 ? [...codes][0]! : 'template_error',
      `${issues.length} ${codes.has('retrieval_refused') && codes.size === 1 ? 'retrieval' : 'template'} problem${issues.length === 1 ? '' : 's'} in ${project.root}; nothing was pushed. First: ${first.message}`,
      { location: first.location, issues },
    );
  }
  return warnings;
}

/**
 * The file line of a template error: the field's line plus the line inside the template, when the
 * template is a multi-line block (its text starts on the line after the key).
 */
function locateTemplateError(error: PromptopsError, artifact: LoadedArtifact): SourceLocation {
  const field = error.details.location?.field;
  const location = field ? artifact.locate(field) : { file: artifact.file };
  const template = error.details.template as { line?: number; fragment?: string } | undefined;
  // A line inside an included fragment is not a line of this file.
  if (location.line === undefined || !template?.line || template.fragment) return location;
  const templateLine = template.line;
  const text = artifact.kind === 'fragment' ? artifact.content.template : undefined;
  const isBlock = text !== undefined || /\n/.test(String(fieldValue(artifact.content, field ?? '') ?? ''));
  return isBlock
    ? { ...location, line: location.line + templateLine - (text !== undefined ? 1 : 0), column: undefined }
    : location;
}

function fieldValue(content: unknown, field: string): unknown {
  return field
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== '')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], content);
}
