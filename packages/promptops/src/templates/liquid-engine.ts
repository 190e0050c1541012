import { createHash } from 'node:crypto';
import { Liquid, type Template } from 'liquidjs';
import { BoundedCache } from './bounded-cache.ts';

/**
 * Bounds that stop a template from hanging or exhausting the process (LiquidJS's DoS options).
 * `{% for i in (1..100000000) %}` trips the memory bound at once; a loop that allocates little
 * trips the time bound.
 */
export const TEMPLATE_LIMITS = {
  /** Characters parsed in one parse call; prompts are kilobytes, not megabytes. */
  parseLength: 1_000_000,
  /** Milliseconds rendering one prompt may take, all its templates together. */
  renderMilliseconds: 1_000,
  /** LiquidJS's allocation units (array items, string characters) per render call. */
  memory: 10_000_000,
} as const;

const ENGINES = 64;
const PARSED_TEMPLATES = 2_000;

/**
 * A LiquidJS instance bound to one set of resolved fragments. Partials are looked up at render time
 * through the instance that parsed the template, so each distinct fragment set gets its own
 * instance; fragments are immutable per version, so the set's hash is a safe cache key.
 */
export interface TemplateEngine {
  /** Parses (cached by text). Throws LiquidJS errors; callers turn them into PromptopsErrors. */
  parse(text: string): Template[];
  /**
   * Renders with the variables as globals, so fragments included with `render` see them too.
   * Synchronous: every fragment is already in memory, and sync rendering skips a promise per node.
   * `budgetMilliseconds` (default: the whole render limit) lets a prompt share one time budget.
   */
  render(templates: Template[], variables: Record<string, unknown>, budgetMilliseconds?: number): string;
}

const engines = new BoundedCache<string, TemplateEngine>(ENGINES);
// One bound across engines, keyed by engine and text: a parsed template belongs to the instance
// that parsed it (its render tags load partials through that instance).
const parsedTemplates = new BoundedCache<string, Template[]>(PARSED_TEMPLATES);

/** The engine for a fragment set, keyed by reference text as written in the tags (`support/persona@3`). */
export function templateEngineFor(fragments: ReadonlyMap<string, string>): TemplateEngine {
  const signature = signatureOf(fragments);
  return engines.getOrCreate(signature, () => createTemplateEngine(signature, fragments));
}

function createTemplateEngine(signature: string, fragments: ReadonlyMap<string, string>): TemplateEngine {
  const liquid = new Liquid({
    // An in-memory map is the only "file system": no root on disk, so no file can be read.
    templates: Object.fromEntries(fragments),
    relativeReference: false,
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    // Declared optional variables are normal; `{% if x %}` and `| default:` on an absent one must
    // not fail. A bare `{{ x }}` of an absent variable still does.
    lenientIf: true,
    cache: fragments.size > 0 ? Math.max(fragments.size, 16) : false,
    parseLimit: TEMPLATE_LIMITS.parseLength,
    renderLimit: TEMPLATE_LIMITS.renderMilliseconds,
    memoryLimit: TEMPLATE_LIMITS.memory,
  });
  return {
    parse: (text) => parsedTemplates.getOrCreate(`${signature}\0${text}`, () => liquid.parse(text)),
    render: (templates, variables, budgetMilliseconds = TEMPLATE_LIMITS.renderMilliseconds) =>
      String(
        liquid.renderSync(
          templates,
          {},
          { globals: variables, renderLimit: Math.max(0, budgetMilliseconds) },
        ),
      ),
  };
}

function signatureOf(fragments: ReadonlyMap<string, string>): string {
  if (fragments.size === 0) return '';
  const hash = createHash('sha256');
  for (const reference of [...fragments.keys()].sort()) {
    const template = fragments.get(reference) ?? '';
    // Length prefixes keep the encoding unambiguous whatever the templates contain.
    hash.update(`${reference}\0${template.length}\0`).update(template);
  }
  return hash.digest('hex');
}
