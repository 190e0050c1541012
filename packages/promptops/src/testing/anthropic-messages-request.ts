import { lastUserMessage, messageText, onlyToolResults } from './message-text.ts';
import type { ScriptedRequest } from './script-types.ts';

function toolName(tool: unknown): string {
  const { name } = (tool ?? {}) as { name?: unknown };
  return typeof name === 'string' ? name : '';
}

/** An Anthropic messages body in neutral form, or what a 400 should say (as the real API would). */
export function parseAnthropicMessagesRequest(body: Record<string, unknown>): ScriptedRequest | string {
  if (typeof body.model !== 'string') return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  const messages: { role: string; content: string }[] = [];
  for (const message of body.messages as unknown[]) {
    const { role, content } = (message ?? {}) as { role?: unknown; content?: unknown };
    if (role !== 'user' && role !== 'assistant') return "messages: roles must be 'user' or 'assistant'";
    messages.push({ role: onlyToolResults(content) ? 'tool' : role, content: messageText(content) });
  }
  return {
    protocol: 'anthropic',
    model: body.model,
    stream: body.stream === true,
    system: messageText(body.system),
    messages,
    lastUserMessage: lastUserMessage(messages),
    tools: Array.isArray(body.tools) ? body.tools.map(toolName) : [],
    body,
  };
}
