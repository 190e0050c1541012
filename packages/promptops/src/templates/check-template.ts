import { analyzeSync, type Template } from 'liquidjs';
import type { PromptContent } from '../catalog/content/prompt-content.ts';
import { PromptopsError, type SourceLocation } from '../errors/index.ts';
import { suggestName } from '../errors/suggest-name.ts';
import type { IncludedTemplate } from './check-fragments.ts';
import { findFragmentTags, fragmentTagReference } from './find-fragment-tags.ts';
import type { FragmentReference } from './fragment-source.ts';
import { templateEngineFor } from './liquid-engine.ts';
import { duplicateSystemPromptError, promptFields } from './prompt-fields.ts';
import { templateErrorFrom } from './template-error.ts';

export interface TemplateWarning {
  message: string;
  location: SourceLocation;
}

/** A fragment a prompt includes, as written, and the field that includes it. */
export interface FoundFragmentReference {
  text: string;
  reference: FragmentReference;
  field: string;
}

export interface TemplateCheck {
  errors: PromptopsError[];
  warnings: TemplateWarning[];
  fragments: FoundFragmentReference[];
}

/**
 * Checks a prompt's templates at push time without rendering: each parses, includes fragments by a
 * literal name, and uses only declared variables (loop variables and assign/capture locals are the
 * template's own). Declared variables no template uses are warnings. Fragments are not resolved
 * here; their references are returned for the catalog to check.
 *
 * @example
 * const check = checkTemplate(content, { file: 'prompts/support/reply.yaml' });
 * for (const error of check.errors) report(error);
 */
export function checkTemplate(
  content: PromptContent,
  options: {
    file?: string;
    /** The fragments the prompt includes, resolved (checkFragments): their variables are checked too. */
    fragments?: IncludedTemplate[];
  } = {},
): TemplateCheck {
  const file = options.file ?? '';
  const check: TemplateCheck = { errors: [], warnings: [], fragments: [] };
  const duplicate = duplicateSystemPromptError(content, file);
  if (duplicate) check.errors.push(duplicate);

  const declared = Object.keys(content.variables?.properties ?? {});
  const used = new Set<string>();
  let everyFieldParsed = true;
  const scanner = templateEngineFor(new Map());
  for (const { field, text } of promptFields(content)) {
    let templates: Template[];
    try {
      templates = scanner.parse(text);
    } catch (error) {
      check.errors.push(templateErrorFrom(error, { file, field }));
      everyFieldParsed = false;
      continue;
    }
    checkFragmentTags(templates, { file, field }, check);
    for (const [name, occurrences] of Object.entries(analyzeSync(templates, { partials: false }).globals)) {
      used.add(name);
      if (declared.includes(name)) continue;
      const { row, col } = occurrences[0]?.location ?? { row: 0, col: 0 };
      const suggestion = suggestName(name, declared);
      const hint = suggestion ? `did you mean '${suggestion}'? ` : '';
      check.errors.push(
        new PromptopsError(
          'template_error',
          `undeclared variable '${name}' (in ${field}, line ${row}, column ${col}): ${hint}declare it under variables.properties`,
          { location: { file, field }, template: { line: row, column: col }, variable: name },
        ),
      );
    }
  }

  // Fragments see the prompt's variables, so what they use must be declared by every includer.
  for (const fragment of options.fragments ?? []) {
    let templates: Template[];
    try {
      templates = scanner.parse(fragment.template);
    } catch {
      continue; // reported where the fragment itself is checked
    }
    for (const [name, occurrences] of Object.entries(analyzeSync(templates, { partials: false }).globals)) {
      used.add(name);
      if (declared.includes(name)) continue;
      const row = occurrences[0]?.location?.row ?? 0;
      check.errors.push(
        new PromptopsError(
          'template_error',
          `fragment ${fragment.name} uses variable '${name}' (line ${row}), which this prompt does not declare under variables.properties`,
          { location: { file, field: 'variables' }, variable: name, fragment: fragment.name },
        ),
      );
    }
  }

  const fragmentNote =
    check.fragments.length > 0 && options.fragments === undefined
      ? '; an included fragment may use it, fragments are not checked here'
      : '';
  // Usage is unknown for a template that does not parse; warning about it would mislead.
  for (const name of everyFieldParsed ? declared : []) {
    if (used.has(name)) continue;
    check.warnings.push({
      message: `variable '${name}' is declared but no template uses it${fragmentNote}`,
      location: { file, field: `variables.properties.${name}` },
    });
  }
  return check;
}

function checkFragmentTags(
  templates: Template[],
  location: { file: string; field: string },
  check: TemplateCheck,
): void {
  for (const tag of findFragmentTags(templates)) {
    const included = fragmentTagReference(tag);
    if (included.ok) {
      check.fragments.push({ text: included.text, reference: included.reference, field: location.field });
    } else {
      const message = `${included.message} (in ${location.field}, line ${tag.line})`;
      check.errors.push(new PromptopsError('template_error', message, { location }));
    }
  }
}
