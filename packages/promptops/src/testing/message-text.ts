/**
 * The text of a message's content, in either protocol: a string, or content parts whose `text`
 * (OpenAI and Anthropic text parts) or nested `content` (Anthropic `tool_result`) are joined by
 * newlines. Images, audio and `tool_use` inputs carry no text.
 */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part !== 'object' || part === null) continue;
    const { text, content: nested } = part as { text?: unknown; content?: unknown };
    if (typeof text === 'string') texts.push(text);
    else if (nested !== undefined) texts.push(messageText(nested));
  }
  return texts.join('\n');
}

/** Anthropic user turns made only of `tool_result` blocks answer tools, like OpenAI `tool` turns. */
export function onlyToolResults(content: unknown): boolean {
  return (
    Array.isArray(content) &&
    content.length > 0 &&
    content.every((part) => (part as { type?: unknown } | null)?.type === 'tool_result')
  );
}

export function lastUserMessage(messages: readonly { role: string; content: string }[]): string {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const turn = messages[index]!;
    if (turn.role === 'user') return turn.content;
  }
  return '';
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.startsWith('Bearer ') ? value.slice('Bearer '.length) : undefined;
}
