import type { SystemSections } from '../catalog/content/prompt-content.ts';

/**
 * Headings of the canonical layout, in order: the first seed's component structure. One layout for
 * every prompt, so reviewers read the same shape everywhere and diffs show content, not formatting.
 */
export const SYSTEM_SECTION_HEADINGS = {
  capabilities: 'You can:',
  constraints: 'You cannot:',
  guidelines: 'Guidelines:',
  output_format: 'Output format:',
  escalation: 'Escalate to a human agent when:',
} as const;

/**
 * Lays out already-rendered system sections as one system prompt. Omitted sections, and items that
 * rendered empty (an item wrapped in `{% if %}`), leave no trace; a section with no item left is
 * omitted whole.
 *
 * @example
 * layoutSystemPrompt({ role: 'You are a support agent.', capabilities: ['Look up orders'] });
 * // 'You are a support agent.\n\nYou can:\n- Look up orders'
 */
export function layoutSystemPrompt(sections: SystemSections): string {
  const blocks = [sections.role.trim()];
  const addList = (heading: string, items: string[] | undefined): void => {
    const lines = (items ?? []).map((item) => item.trim()).filter((item) => item !== '');
    if (lines.length > 0) blocks.push([heading, ...lines.map(bullet)].join('\n'));
  };
  addList(SYSTEM_SECTION_HEADINGS.capabilities, sections.capabilities);
  addList(SYSTEM_SECTION_HEADINGS.constraints, sections.constraints);
  addList(SYSTEM_SECTION_HEADINGS.guidelines, sections.guidelines);
  const outputFormat = sections.output_format?.trim();
  if (outputFormat) blocks.push(`${SYSTEM_SECTION_HEADINGS.output_format}\n${outputFormat}`);
  addList(SYSTEM_SECTION_HEADINGS.escalation, sections.escalation);
  return blocks.filter((block) => block !== '').join('\n\n');
}

/** Continuation lines are indented so a multi-line item stays one item. */
function bullet(item: string): string {
  return `- ${item.replace(/\n(?!\n)/g, '\n  ')}`;
}
