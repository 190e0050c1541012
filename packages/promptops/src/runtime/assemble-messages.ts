import type { Example } from '../catalog/content/example-bank-content.ts';
import type { ChatMessage } from '../catalog/content/prompt-content.ts';
import { trimHistory } from './context/trim-history.ts';
import type { ModelMessage } from './providers/provider.ts';

export interface AssembleInput {
  rendered: { messages?: ChatMessage[]; text?: string };
  examples: Example[];
  history: ModelMessage[];
  historyTokens?: number;
}

/**
 * Stage 4's output order: the system prompt, the few-shot examples as user/assistant pairs, the
 * conversation so far (trimmed to its token budget), then the prompt's own turns.
 */
export function assembleMessages(input: AssembleInput): { messages: ModelMessage[]; historyDropped: number } {
  const own: ModelMessage[] =
    input.rendered.text !== undefined
      ? [{ role: 'user', content: input.rendered.text }]
      : (input.rendered.messages ?? []).map((message) => ({ role: message.role, content: message.content }));
  const system = own.filter((message) => message.role === 'system');
  const turns = own.filter((message) => message.role !== 'system');
  const shots = input.examples.flatMap((example): ModelMessage[] => [
    { role: 'user', content: example.input },
    {
      role: 'assistant',
      content: typeof example.output === 'string' ? example.output : JSON.stringify(example.output),
    },
  ]);
  const history =
    input.historyTokens !== undefined
      ? trimHistory(input.history, input.historyTokens)
      : { messages: input.history, dropped: 0 };
  return { messages: [...system, ...shots, ...history.messages, ...turns], historyDropped: history.dropped };
}
