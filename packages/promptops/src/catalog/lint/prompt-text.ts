import { PromptopsError } from '../../errors/index.ts';
import {
  analyzeTemplate,
  type FragmentSource,
  fragmentTagReference,
  promptFields,
  type TemplateAnalysis,
} from '../../templates/index.ts';
import type { PromptContent } from '../content/index.ts';
import { MAX_FRAGMENT_DEPTH } from '../content/names.ts';

/**
 * One template of a prompt as the linter reads it: a field (`system.constraints[2]`,
 * `messages[0].content`, `text`) or a fragment that field includes.
 */
export interface PromptPiece {
  /** The prompt field the text is, or is included from. */
  field: string;
  /** The fragment's name when the text is a fragment's. */
  fragment?: string;
  /** The section its tokens count towards: `system.role`, `system.constraints`, `messages[1] (user)`, `text`. */
  section: string;
  /** Who the text speaks as: system sections and system messages are `system`; a `text` prompt is `text`. */
  role: 'system' | 'user' | 'assistant' | 'text';
  text: string;
  /** Undefined when the template does not parse (push reports that; the linter skips the piece). */
  analysis: TemplateAnalysis | undefined;
}

/** A prompt with every template it renders, fragments followed where they can be resolved. */
export interface PromptText {
  name: string;
  content: PromptContent;
  pieces: PromptPiece[];
  /**
   * Fragments that could not be read (not in the folder or catalog, a pin the source cannot answer,
   * a computed name) and templates that do not parse. Rules that need the whole text (unused
   * variables) stay quiet when this is not empty.
   */
  unresolved: string[];
}

/**
 * Reads a prompt's templates and, through `fragments`, the fragments they include (recursively,
 * each include site once, at most MAX_FRAGMENT_DEPTH deep).
 */
export async function readPromptText(
  name: string,
  content: PromptContent,
  fragments: FragmentSource,
): Promise<PromptText> {
  const prompt: PromptText = { name, content, pieces: [], unresolved: [] };
  for (const field of promptTemplateFields(content)) {
    await addPiece(prompt, fragments, { ...field, fragment: undefined }, []);
  }
  return prompt;
}

type FieldPiece = Omit<PromptPiece, 'analysis'>;

async function addPiece(
  prompt: PromptText,
  fragments: FragmentSource,
  piece: FieldPiece,
  path: readonly string[],
): Promise<void> {
  const analysis = analyzeTemplate(piece.text, {
    file: '',
    field: piece.field,
    ...(piece.fragment ? { fragment: piece.fragment } : {}),
  });
  prompt.pieces.push({ ...piece, analysis: analysis.ok ? analysis : undefined });
  if (!analysis.ok) {
    prompt.unresolved.push(piece.fragment ?? piece.field);
    return;
  }
  for (const tag of analysis.fragments) {
    const included = fragmentTagReference(tag);
    if (!included.ok || path.length >= MAX_FRAGMENT_DEPTH || path.includes(included.text)) {
      prompt.unresolved.push(included.ok ? included.text : `${tag.tag} tag in ${piece.field}`);
      continue;
    }
    const fragment = await resolveQuietly(fragments, included.reference);
    if (!fragment) {
      prompt.unresolved.push(included.text);
      continue;
    }
    await addPiece(prompt, fragments, { ...piece, fragment: fragment.name, text: fragment.template }, [
      ...path,
      included.text,
    ]);
  }
}

async function resolveQuietly(
  fragments: FragmentSource,
  reference: Parameters<FragmentSource['resolve']>[0],
): ReturnType<FragmentSource['resolve']> {
  try {
    return await fragments.resolve(reference);
  } catch (error) {
    // A label the fragment is not deployed to: unresolved, like a missing fragment.
    if (PromptopsError.isInstance(error)) return undefined;
    throw error;
  }
}

/** Every template field in render order (templates/prompt-fields.ts), with its section and role. */
function promptTemplateFields(content: PromptContent): Omit<FieldPiece, 'fragment'>[] {
  return promptFields(content).map(({ field, text }) => {
    const message = /^messages\[(\d+)\]/.exec(field);
    if (message) {
      const role = content.messages?.[Number(message[1])]?.role ?? 'user';
      return { field, text, role, section: `messages[${message[1]}] (${role})` };
    }
    if (field === 'text') return { field, text, role: 'text', section: 'text' };
    return { field, text, role: 'system', section: field.replace(/\[\d+\]$/, '') };
  });
}
