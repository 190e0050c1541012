import { analyzeSync, type Template } from 'liquidjs';
import type { PromptopsError } from '../errors/index.ts';
import { type FragmentTag, findFragmentTags } from './find-fragment-tags.ts';
import { templateEngineFor } from './liquid-engine.ts';
import { templateErrorFrom } from './template-error.ts';

/** One use of a variable the template does not define itself (a global: the prompt's variables). */
export interface VariableUse {
  name: string;
  /** 1-based, within the template text. */
  line: number;
  column: number;
  /** `{{ name }}`: the value is written into the text (rather than only tested by `{% if %}`/`{% for %}`). */
  output: boolean;
}

export interface TemplateAnalysis {
  /** Every use of a global variable, in the order they appear. */
  variables: VariableUse[];
  /** The render/include/layout tags, for following fragments. */
  fragments: FragmentTag[];
}

/**
 * Reads one template without rendering it: which variables it uses (loop variables and
 * assign/capture locals are its own) and which fragments it includes. For static checks such as the
 * prompt linter; a template that does not parse is an error value.
 *
 * @example
 * analyzeTemplate('Hi {{ name }}{% if vip %}!{% endif %}', { file: '', field: 'text' });
 * // { ok: true, variables: [{ name: 'name', line: 1, column: 4, output: true }, { name: 'vip', …, output: false }], fragments: [] }
 */
export function analyzeTemplate(
  text: string,
  place: { file: string; field: string; fragment?: string },
): ({ ok: true } & TemplateAnalysis) | { ok: false; error: PromptopsError } {
  let templates: Template[];
  try {
    templates = templateEngineFor(new Map()).parse(text);
  } catch (error) {
    return { ok: false, error: templateErrorFrom(error, place) };
  }
  const lines = text.split('\n');
  const variables: VariableUse[] = [];
  for (const [name, occurrences] of Object.entries(analyzeSync(templates, { partials: false }).globals)) {
    for (const { location } of occurrences) {
      const line = location.row;
      const column = location.col;
      variables.push({ name, line, column, output: isOutput(lines, line, column) });
    }
  }
  variables.sort((left, right) => left.line - right.line || left.column - right.column);
  return { ok: true, variables, fragments: findFragmentTags(templates) };
}

/** Whether the nearest markup opening before the position is `{{` (an output) rather than `{%` (a tag). */
function isOutput(lines: readonly string[], line: number, column: number): boolean {
  const before = [...lines.slice(0, line - 1), (lines[line - 1] ?? '').slice(0, column - 1)].join('\n');
  return before.lastIndexOf('{{') > before.lastIndexOf('{%');
}
