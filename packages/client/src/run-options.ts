/** A turn of the conversation so far. System turns are the prompt's to set, not the caller's. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** Which version runs: what an environment serves, exactly one version, or (neither) the latest. */
export type VersionTarget =
  | { environment?: string; version?: undefined }
  | { version: number; environment?: undefined };

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Sent as `x-request-id`: the server logs and records the run under it. */
  requestId?: string;
}

export type RunOptions = VersionTarget &
  CallOptions & {
    variables?: Record<string, unknown>;
    /** User, session or request id: keeps a caller on the same canary arm (sticky assignment). */
    key?: string;
    /**
     * The conversation, oldest first, as a chat front end holds it: when the last turn is the user's
     * it is the message, put into the prompt's first required string variable (or `messageVariable`);
     * the turns before it are the history, trimmed to the prompt's token budget. The convention of
     * the server's OpenAI gateway (docs/server.md).
     */
    messages?: ChatMessage[];
    /** The variable the latest user message goes into. */
    messageVariable?: string;
    /** low | medium | high: picks a route by complexity when the prompt does not name one. */
    complexity?: 'low' | 'medium' | 'high';
  };

/** The body of `POST /api/runs` and `/api/runs/stream`. */
export function runBody(prompt: string, options: RunOptions): Record<string, unknown> {
  const messages = options.messages ?? [];
  const last = messages.at(-1);
  const message = last?.role === 'user' ? last : undefined;
  const history = message ? messages.slice(0, -1) : messages;
  return {
    prompt,
    variables: options.variables ?? {},
    ...(options.environment !== undefined && { environment: options.environment }),
    ...(options.version !== undefined && { version: options.version }),
    ...(options.key !== undefined && { stickyKey: options.key }),
    ...(options.complexity !== undefined && { complexity: options.complexity }),
    ...(history.length > 0 && { history }),
    ...(message && {
      message: {
        text: message.content,
        ...(options.messageVariable !== undefined && { variable: options.messageVariable }),
      },
    }),
  };
}
