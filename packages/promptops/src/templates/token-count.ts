import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { BoundedCache } from './bounded-cache.ts';

/** The encoding estimates use: GPT-4o's. Other models tokenize differently, hence "estimate". */
export const TOKEN_ENCODING = 'o200k_base';

export interface TokenEstimate {
  estimate: number;
  encoding: typeof TOKEN_ENCODING;
}

/**
 * Chat framing, as OpenAI documents it for its chat models ("How to count tokens with tiktoken"):
 * every message costs 3 tokens around its role and content, and every reply is primed with 3.
 */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_REPLY = 3;

// Prompt text is data: text that looks like a special token (`<|endoftext|>`) is counted as the
// ordinary text it is, instead of making the tokenizer throw.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

// A prompt's system message comes back identical on every run of a version (bench/RESULTS.md: BPE
// counting was the largest single CPU cost per eval case). Long texts are remembered; short ones
// cost less to count than to hash. Bounded in entries and in the length of a key.
const MEMO_MIN_CHARS = 200;
const MEMO_MAX_CHARS = 64_000;
const counted = new BoundedCache<string, number>(256);

/** Token estimate of plain text with the o200k_base encoding. */
export function countTextTokens(text: string): number {
  if (text.length < MEMO_MIN_CHARS || text.length > MEMO_MAX_CHARS) return countTokens(text, AS_PLAIN_TEXT);
  const known = counted.get(text);
  if (known !== undefined) return known;
  const count = countTokens(text, AS_PLAIN_TEXT);
  counted.set(text, count);
  return count;
}

/**
 * Token estimate of a chat request: each message's role and content plus the per-message and
 * reply overhead.
 *
 * @example
 * countChatTokens([{ role: 'user', content: 'Hello' }]); // 3 + 1 + 1 + 3 = 8
 */
export function countChatTokens(messages: readonly { role: string; content: string }[]): number {
  let total = TOKENS_PER_REPLY;
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE + roleTokens(message.role) + countTextTokens(message.content);
  }
  return total;
}

// Roles are a handful of words counted on every message of every request (a few-shot prompt has
// twenty): each is counted once. Anything beyond the first few distinct roles is counted as text.
const ROLES_REMEMBERED = 16;
const roleCounts = new Map<string, number>();

function roleTokens(role: string): number {
  const known = roleCounts.get(role);
  if (known !== undefined) return known;
  const count = countTextTokens(role);
  if (roleCounts.size < ROLES_REMEMBERED) roleCounts.set(role, count);
  return count;
}
