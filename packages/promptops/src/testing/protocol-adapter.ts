import type { ModelAnswer } from './model-answer.ts';
import type { ScriptedProtocol, ScriptedRequest } from './script-types.ts';

/** What varies per response; everything else of a static reply is serialised once. */
export interface ReplyContext {
  /** `chatcmpl-scripted-7`, `msg_scripted_7`. */
  id: string;
  /** Unix seconds. */
  created: number;
  /** The request's model name, already JSON-encoded. */
  modelJson: string;
  /** The reply's own `usage.inputTokens`, else the estimate from the request. */
  inputTokens: number;
  request: ScriptedRequest;
}

/** One server-sent event. `content` marks the events that carry reply text or tool calls. */
export interface StreamEvent {
  event?: string;
  data: string;
  content: boolean;
}

/** A reply serialised for one protocol, except for the few fields that change per request. */
export interface PreparedReply {
  body(context: ReplyContext): string;
  events(context: ReplyContext): StreamEvent[];
}

/** Everything one wire protocol needs; the server holds one per protocol in a table. */
export interface ProtocolAdapter {
  protocol: ScriptedProtocol;
  /** The request in neutral form, or the message of a 400 when the body is not a valid request. */
  parseRequest(body: Record<string, unknown>): ScriptedRequest | string;
  prepareReply(answer: ModelAnswer): PreparedReply;
  errorBody(status: number, message: string): string;
  /** Whether the request carries the required key, in this protocol's header. */
  hasApiKey(headers: Record<string, string | string[] | undefined>, key: string): boolean;
  /** The prefix of reply ids. */
  idPrefix: string;
  requestIdHeader: string;
}
