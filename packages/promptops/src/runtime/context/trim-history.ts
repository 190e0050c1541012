import { countTextTokens } from '../../templates/index.ts';
import type { ModelMessage } from '../providers/provider.ts';

/**
 * The second seed's build_context: conversation history within a token budget, most recent first,
 * system messages always kept. Returns the kept messages in their original order and how many were
 * dropped, so the run can say so.
 */
export function trimHistory(
  history: ModelMessage[],
  maxTokens: number,
): { messages: ModelMessage[]; dropped: number } {
  const cost = (message: ModelMessage) => countTextTokens(message.content) + 3;
  let budget =
    maxTokens - history.reduce((sum, message) => sum + (message.role === 'system' ? cost(message) : 0), 0);
  const kept = new Set<number>();
  for (let index = history.length - 1; index >= 0; index--) {
    const message = history[index]!;
    if (message.role === 'system') continue;
    if (cost(message) > budget) break;
    budget -= cost(message);
    kept.add(index);
  }
  const messages = history.filter((message, index) => message.role === 'system' || kept.has(index));
  const conversation = history.filter((message) => message.role !== 'system').length;
  return { messages, dropped: conversation - kept.size };
}
