import type { ScriptedFinish, ScriptedRequest, StaticReply } from './script-types.ts';

/** A reply in neutral form, ready to be spelled in either protocol. */
export interface ModelAnswer {
  text: string;
  /** The text as a stream sends it; joined, equal to `text`. */
  chunks: string[];
  toolCalls: { id: string | undefined; name: string; arguments: string }[];
  finish: ScriptedFinish;
  /** From the reply's `usage`; otherwise the server estimates it from the request. */
  inputTokens: number | undefined;
  outputTokens: number;
}

/** What `wrongSchema: true` sends: valid JSON that no prompt asked for. */
export const WRONG_SCHEMA_VALUE = { unexpected: 'scripted wrong-schema reply' };

/** About one token per 4 characters, rounded up: plausible, cheap and deterministic. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function estimateInputTokens(request: ScriptedRequest): number {
  let total = estimateTokens(request.system);
  for (const turn of request.messages) total += estimateTokens(turn.content);
  return Math.max(1, total);
}

// One chunk per word with the whitespace before it, so the chunks join back to the exact text.
const WORD = /\s*\S+|\s+$/g;

export function splitIntoChunks(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Fixed-size pieces, for tool-call arguments, which stream in arbitrary slices. */
export function splitIntoPieces(text: string, size = 12): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}

function textOf(reply: Exclude<StaticReply, string>): string {
  if (reply.json !== undefined) return JSON.stringify(reply.json);
  return reply.text ?? '';
}

export function toModelAnswer(reply: StaticReply): ModelAnswer {
  const parts = typeof reply === 'string' ? { text: reply } : reply;
  const text = textOf(parts);
  const toolCalls = (parts.toolCalls ?? []).map((call) => ({
    id: call.id,
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
  }));
  const chunks = parts.chunks ?? splitIntoChunks(text);
  if (chunks.join('') !== text) {
    throw new TypeError("scripted model server: a reply's chunks must join to its text");
  }
  let outputCharacters = text.length;
  for (const call of toolCalls) outputCharacters += call.name.length + call.arguments.length;
  return {
    text,
    chunks,
    toolCalls,
    finish: parts.finish ?? (toolCalls.length > 0 ? 'tool-calls' : 'stop'),
    inputTokens: parts.usage?.inputTokens,
    outputTokens: parts.usage?.outputTokens ?? Math.max(1, Math.ceil(outputCharacters / 4)),
  };
}
