import { PromptopsError } from '../../errors/index.ts';
import type { ModelMessage } from '../../runtime/providers/provider.ts';

/**
 * The gateway's convention for a governed prompt (docs/server.md): a last `user` turn is the
 * message (it fills the prompt's first required string variable, or `promptops.variable`), the
 * turns before it are the history. A conversation ending in an assistant turn is all history, and
 * the variables come from `promptops.variables`. System turns are refused, not dropped: the prompt's
 * version brings its own system prompt.
 */
export function promptTurns(
  prompt: string,
  messages: ModelMessage[],
): { history: ModelMessage[]; message?: string } {
  const system = messages.findIndex((message) => message.role === 'system');
  if (system >= 0) {
    throw new PromptopsError(
      'invalid_argument',
      `messages[${system}].role: prompt:${prompt} brings its own system prompt: send user and assistant turns only`,
      { parameter: `messages[${system}].role` },
    );
  }
  const last = messages.at(-1);
  if (last?.role !== 'user') return { history: messages };
  return { history: messages.slice(0, -1), message: last.content };
}
