import type { ModelMessage, ModelRequest } from './provider.ts';

/** Anthropic requires max_tokens; this is what a request without one gets. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 1024;

type ContentBlock = Record<string, unknown>;

interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

/**
 * The messages request body (https://docs.anthropic.com/en/api/messages). System messages move to the
 * top-level `system`; tool results travel as `tool_result` blocks of a user turn; consecutive turns
 * of one role are merged, as the API wants strictly alternating roles. Seed and the penalties have
 * no Anthropic equivalent and are dropped; JSON output is left to the prompt and the runtime's
 * validation (the response format is not sent).
 */
export function toAnthropicMessagesBody(request: ModelRequest, stream: boolean): Record<string, unknown> {
  const parameters = request.parameters ?? {};
  const body: Record<string, unknown> = {
    model: request.model,
    max_tokens: parameters.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
  };
  const system = request.messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .join('\n\n');
  if (system) body.system = system;
  body.messages = toAnthropicMessages(request.messages);
  if (parameters.temperature !== undefined) body.temperature = parameters.temperature;
  if (parameters.topP !== undefined) body.top_p = parameters.topP;
  if (parameters.stop && parameters.stop.length > 0) body.stop_sequences = parameters.stop;
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: tool.parameters,
    }));
  }
  if (stream) body.stream = true;
  return body;
}

function toAnthropicMessages(messages: ModelMessage[]): AnthropicMessage[] {
  const result: AnthropicMessage[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = toBlocks(message);
    const previous = result.at(-1);
    if (previous?.role === role) previous.content.push(...blocks);
    else result.push({ role, content: blocks });
  }
  return result;
}

function toBlocks(message: ModelMessage): ContentBlock[] {
  if (message.role === 'tool') {
    return [{ type: 'tool_result', tool_use_id: message.toolCallId ?? '', content: message.content }];
  }
  // Anthropic rejects empty text blocks, which an assistant turn that only calls tools would carry.
  const blocks: ContentBlock[] = message.content === '' ? [] : [{ type: 'text', text: message.content }];
  for (const call of message.toolCalls ?? []) {
    blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: parseToolInput(call.arguments) });
  }
  return blocks;
}

/**
 * Anthropic takes tool input as an object. Arguments that are not a JSON object could not have been
 * run (the runtime validates them first), so the turn is replayed with an empty input.
 */
function parseToolInput(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}
