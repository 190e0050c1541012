import { countChatTokens, countTextTokens } from '../../templates/token-count.ts';
import type { TokenUsage } from './cost.ts';

/** Usage as recorded on a run: the provider's numbers, or our estimate marked as one. */
export interface RunUsage extends TokenUsage {
  estimated: boolean;
}

/** What was sent: chat messages, or the text of a completion prompt. */
export type SentInput = string | readonly { role: string; content: string }[];

/** What came back: text, and tool calls whose arguments the model wrote (they are output too). */
export interface ReceivedOutput {
  text: string;
  toolCalls?: readonly { name: string; arguments: string }[];
}

/**
 * The provider's usage when it reported one, else an estimate with gpt-tokenizer's o200k_base
 * encoding (templates/token-count.ts), marked `estimated: true` so spend built on it says so. The
 * estimate counts messages and output only: tool definitions and images sent are not counted, and
 * other vendors' tokenizers differ, so it approximates the bill rather than reproducing it.
 *
 * @example
 * usageOrEstimate(null, [{ role: 'user', content: 'Hello' }], { text: 'Hi there!' });
 * // { inputTokens: 8, outputTokens: 3, estimated: true }
 */
export function usageOrEstimate(
  reported: TokenUsage | null | undefined,
  input: SentInput,
  output: ReceivedOutput,
): RunUsage {
  if (reported) return { ...reported, estimated: false };
  return estimateUsage(input, output);
}

export function estimateUsage(input: SentInput, output: ReceivedOutput): RunUsage {
  const inputTokens = typeof input === 'string' ? countTextTokens(input) : countChatTokens(input);
  let outputTokens = countTextTokens(output.text);
  for (const call of output.toolCalls ?? []) {
    outputTokens += countTextTokens(call.name) + countTextTokens(call.arguments);
  }
  return { inputTokens, outputTokens, estimated: true };
}
