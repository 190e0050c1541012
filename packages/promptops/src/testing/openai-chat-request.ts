import { lastUserMessage, messageText } from './message-text.ts';
import type { ScriptedRequest } from './script-types.ts';

const SYSTEM_ROLES = new Set(['system', 'developer']);

function toolName(tool: unknown): string {
  const { function: definition } = (tool ?? {}) as { function?: { name?: unknown } };
  return typeof definition?.name === 'string' ? definition.name : '';
}

/** An OpenAI chat-completions body in neutral form, or what a 400 should say. */
export function parseOpenaiChatRequest(body: Record<string, unknown>): ScriptedRequest | string {
  if (typeof body.model !== 'string') return 'you must provide a model parameter';
  if (!Array.isArray(body.messages)) return "'messages' is a required property and must be an array";
  const system: string[] = [];
  const messages: { role: string; content: string }[] = [];
  for (const message of body.messages as unknown[]) {
    const { role, content } = (message ?? {}) as { role?: unknown; content?: unknown };
    if (typeof role !== 'string') return 'each message needs a role';
    if (SYSTEM_ROLES.has(role)) system.push(messageText(content));
    else messages.push({ role, content: messageText(content) });
  }
  return {
    protocol: 'openai',
    model: body.model,
    stream: body.stream === true,
    system: system.join('\n\n'),
    messages,
    lastUserMessage: lastUserMessage(messages),
    tools: Array.isArray(body.tools) ? body.tools.map(toolName) : [],
    body,
  };
}
