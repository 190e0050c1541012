import type { ChatMessage, PromptContent, SystemSections } from '../catalog/content/prompt-content.ts';
import { PromptopsError } from '../errors/index.ts';
import { layoutSystemPrompt } from './system-layout.ts';

const LIST_SECTIONS = ['capabilities', 'constraints', 'guidelines', 'escalation'] as const;

/** One template in a prompt, with the field path errors point at (`messages[1].content`). */
export interface TemplateField {
  field: string;
  text: string;
}

/**
 * Every template of a prompt in render order: system sections (each item is its own template),
 * then messages, then text. Render and check walk the same list, so they agree on field paths.
 */
export function promptFields(content: PromptContent): TemplateField[] {
  const fields: TemplateField[] = [];
  const system = content.system;
  if (system) {
    // The layout's order, so check errors come out in the order a reader meets them.
    const list = (section: (typeof LIST_SECTIONS)[number]) =>
      system[section]?.forEach((text, index) => {
        fields.push({ field: `system.${section}[${index}]`, text });
      });
    fields.push({ field: 'system.role', text: system.role });
    list('capabilities');
    list('constraints');
    list('guidelines');
    if (system.output_format !== undefined) {
      fields.push({ field: 'system.output_format', text: system.output_format });
    }
    list('escalation');
  }
  content.messages?.forEach((message, index) => {
    fields.push({ field: `messages[${index}].content`, text: message.content });
  });
  if (content.text !== undefined) fields.push({ field: 'text', text: content.text });
  return fields;
}

/**
 * A system message in `messages` next to `system:` sections is an error: one system prompt per
 * prompt, so what the model sees as its instructions is in one place.
 */
export function duplicateSystemPromptError(content: PromptContent, file: string): PromptopsError | undefined {
  if (!content.system) return undefined;
  const index = content.messages?.findIndex((message) => message.role === 'system') ?? -1;
  if (index === -1) return undefined;
  const field = `messages[${index}].role`;
  return new PromptopsError(
    'template_error',
    `a prompt has one system prompt: remove the system message at ${field} or the system: sections`,
    { location: { file, field } },
  );
}

/**
 * The rendered prompt: every field's rendered text put back in place, with the system sections laid
 * out as the first system message.
 */
export function assemblePrompt(
  content: PromptContent,
  renderedByField: ReadonlyMap<string, string>,
): { messages?: ChatMessage[]; text?: string } {
  const rendered = (field: string): string => renderedByField.get(field) ?? '';
  if (content.text !== undefined) return { text: rendered('text') };
  const messages: ChatMessage[] = [];
  if (content.system)
    messages.push({ role: 'system', content: layoutSystemPrompt(renderedSystem(content.system, rendered)) });
  content.messages?.forEach((message, index) => {
    messages.push({ role: message.role, content: rendered(`messages[${index}].content`) });
  });
  return { messages };
}

function renderedSystem(system: SystemSections, rendered: (field: string) => string): SystemSections {
  const sections: SystemSections = { role: rendered('system.role') };
  for (const section of LIST_SECTIONS) {
    const items = system[section];
    if (items) sections[section] = items.map((_, index) => rendered(`system.${section}[${index}]`));
  }
  if (system.output_format !== undefined) sections.output_format = rendered('system.output_format');
  return sections;
}
