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
  const system = history.filter((message) => message.role === 'system');
  let budget = maxTokens - system.reduce((sum, message) => sum + countTextTokens(message.content) + 3, 0);
  const kept: ModelMessage[] = [];
  const rest = history.filter((message) => message.role !== 'system');
  for (let index = rest.length - 1; index >= 0; index--) {
    const message = rest[index]!;
    const cost = countTextTokens(message.content) + 3;
    if (cost > budget) break;
    budget -= cost;
    kept.unshift(message);
  }
  return { messages: [...system, ...kept], dropped: rest.length - kept.length };
}
