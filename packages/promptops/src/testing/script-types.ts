/**
 * The script a scripted model server answers from: an ordered list of rules, each a match, a reply
 * and optional faults. The first rule that matches and has uses left answers.
 */

/** Which wire protocol a request came in: OpenAI chat completions or Anthropic messages. */
export type ScriptedProtocol = 'openai' | 'anthropic';

/** A chat request as rules see it, the same shape whichever protocol it came in. */
export interface ScriptedRequest {
  protocol: ScriptedProtocol;
  model: string;
  stream: boolean;
  /** The system prompt: OpenAI `system`/`developer` messages joined by blank lines, or Anthropic `system`. */
  system: string;
  /**
   * The turns after the system prompt, text only (images dropped, content parts joined). Anthropic
   * user turns that only carry `tool_result` blocks have the role `tool`, as in OpenAI.
   */
  messages: { role: string; content: string }[];
  /** The content of the last `user` turn, `''` when there is none. */
  lastUserMessage: string;
  /** Names of the tools the request offers. */
  tools: string[];
  /** The parsed JSON body, as sent. */
  body: Record<string, unknown>;
}

export interface ScriptedToolCall {
  name: string;
  /** An object (serialised for the wire) or JSON text sent verbatim, valid or not. */
  arguments: unknown;
  /** Default: `call_scripted_N` (OpenAI) or `toolu_scripted_N` (Anthropic). */
  id?: string;
}

/** Why the reply ended, in neutral terms; each protocol spells it its own way. */
export type ScriptedFinish = 'stop' | 'length' | 'tool-calls' | 'content-filter';

/** A reply given as parts. With several parts, the text comes first, then the tool calls. */
export interface ScriptedReplyParts {
  text?: string;
  /** Serialised with `JSON.stringify` and sent as the text (for JSON-mode and structured outputs). */
  json?: unknown;
  toolCalls?: ScriptedToolCall[];
  /** Default: `tool-calls` when there are tool calls, else `stop`. */
  finish?: ScriptedFinish;
  /** Default: about one token per 4 characters of the request and of the reply. */
  usage?: { inputTokens?: number; outputTokens?: number };
  /** How a stream splits the text (default: one chunk per word). Joined, they must equal the text. */
  chunks?: string[];
}

/** A plain string is the reply text. */
export type StaticReply = string | ScriptedReplyParts;

/** Computed per request: an echo, a reply that depends on the tools offered, and so on. */
export type ReplyFunction = (request: ScriptedRequest) => StaticReply;

export type ScriptedReply = StaticReply | ReplyFunction;

/** Text tests: a string is a case-sensitive substring; a RegExp is tested as given (minus `g`/`y` flags). */
export type TextMatch = string | RegExp;

/** Every field given must hold; an empty match (or none) matches every request. */
export interface RuleMatch {
  /** The model name, exactly (string) or by pattern. */
  model?: TextMatch;
  protocol?: ScriptedProtocol;
  lastUserMessage?: TextMatch;
  /** Any turn, the system prompt included. */
  anyMessage?: TextMatch;
  system?: TextMatch;
  when?: (request: ScriptedRequest) => boolean;
}

/** Faults to inject. On a rule they override the server-wide ones field by field. */
export interface ScriptedFaults {
  /** Delay before the first byte of the response (headers included). */
  latencyMs?: number;
  /** Streams: delay before the first content event (the stream's opening events go out at once). */
  ttftMs?: number;
  /** Streams: delay between content events. */
  chunkDelayMs?: number;
  /** Answer with this HTTP status and the provider's error body: 429, 500, 503, 529 (overloaded)... */
  status?: number;
  /** With `status`: the `Retry-After` header in seconds. Default 1 for 429, none otherwise. */
  retryAfterSeconds?: number;
  /** Read the request and never answer, until the client disconnects or the server closes. */
  hang?: boolean;
  /** A 200 whose JSON is truncated (streams: the first content event's JSON is truncated). */
  malformedJson?: boolean;
  /**
   * Destroy the socket part-way: streams after `afterChunks` content events (default: half of
   * them) and without `[DONE]`/`message_stop`; plain responses after half the body.
   */
  cutStream?: boolean | { afterChunks: number };
  /**
   * Reply with valid JSON that matches no schema the prompt asked for, instead of the scripted
   * reply. `true` sends `{"unexpected":"scripted wrong-schema reply"}`; any other value is sent.
   */
  wrongSchema?: unknown;
}

export interface ScriptRule {
  match?: RuleMatch;
  /** With a `status` or `hang` fault it is never sent: any value will do (`''`). */
  reply: ScriptedReply;
  faults?: ScriptedFaults;
  /** How many requests this rule answers before it stops matching (default: no limit). */
  times?: number;
}

/** One request the server received, for assertions. Credentials are never recorded. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-cased names; `authorization`, `x-api-key`, `api-key`, `cookie` are left out. */
  headers: Record<string, string>;
  /** Whether an `Authorization`, `x-api-key` or `api-key` header came with the request. */
  apiKeyPresent: boolean;
  /** The parsed JSON body; the raw text when it was not JSON; `undefined` when empty. */
  body: unknown;
  /** Index in the current rules of the rule that answered, `undefined` when none did. */
  rule?: number;
}
