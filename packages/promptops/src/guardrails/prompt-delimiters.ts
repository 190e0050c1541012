const TAG = /<\/([A-Za-z_][\w-]{0,63})>/g;
/** The parts of a prompt that hold templates (PromptContent has them; guards see a narrower type). */
type PromptTemplates = { text?: unknown; system?: unknown; messages?: unknown };

const known = new WeakMap<PromptTemplates, readonly string[]>();

/**
 * The tags a prompt wraps untrusted text in (`<customer_message>…</customer_message>`): every tag its
 * templates close. A fake closing tag for one of these inside a variable is delimiter injection,
 * scored as such rather than as a generic wrapper tag. Computed once per content object.
 *
 * @example promptDelimiters(assistant) // ['conversation_summary', 'customer_message']
 */
export function promptDelimiters(content: PromptTemplates): readonly string[] {
  const cached = known.get(content);
  if (cached) return cached;
  const templates = JSON.stringify([content.text, content.system, content.messages]);
  const names = [...new Set([...templates.matchAll(TAG)].map((match) => match[1]!))].sort();
  known.set(content, names);
  return names;
}
